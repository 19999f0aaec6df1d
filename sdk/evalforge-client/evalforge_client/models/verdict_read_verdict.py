from enum import StrEnum

class VerdictReadVerdict(StrEnum):
    FAIL = "fail"
    PASS = "pass"

    def __str__(self) -> str:
        return str(self.value)
