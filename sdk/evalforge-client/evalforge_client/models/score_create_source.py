from enum import StrEnum

class ScoreCreateSource(StrEnum):
    API = "api"
    HUMAN = "human"

    def __str__(self) -> str:
        return str(self.value)
