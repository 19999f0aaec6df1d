from enum import StrEnum

class ScoreCreateDataType(StrEnum):
    BOOLEAN = "boolean"
    CATEGORICAL = "categorical"
    NUMERIC = "numeric"

    def __str__(self) -> str:
        return str(self.value)
