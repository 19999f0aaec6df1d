from enum import StrEnum

class ExperimentsEventsStreamResponse200Event(StrEnum):
    END = "end"
    PROGRESS = "progress"
    RUN = "run"
    STATUS = "status"

    def __str__(self) -> str:
        return str(self.value)
