"""What is wrong with a checklist file, said so that the person editing it can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fault:
    location: tuple[str | int, ...]
    message: str
    line: int | None = None


class ChecklistError(Exception):
    """A checklist file that cannot be used. `str()` gives the full report."""

    def __init__(self, path: Path, faults: list[Fault], describe_item=None):
        self.path = path
        self.faults = faults
        self._describe_item = describe_item or (lambda location: None)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.faults)
        heading = f"{self.path}: {count} problem{'s' if count != 1 else ''} found"
        return "\n".join([heading, *(f"  - {self._describe(fault)}" for fault in self.faults)])

    def _describe(self, fault: Fault) -> str:
        place = []
        if fault.line is not None:
            place.append(f"line {fault.line}")
        if fault.location:
            place.append(self._path_in_file(fault.location))
        where = f"{self.path}, {', '.join(place)}" if place else str(self.path)
        return f"{where}: {fault.message}"

    def _path_in_file(self, location: tuple[str | int, ...]) -> str:
        steps = []
        for depth, step in enumerate(location):
            if isinstance(step, int):
                label = self._describe_item(location[: depth + 1])
                steps.append(f"item {step + 1}" + (f" ({label})" if label else ""))
            else:
                steps.append(str(step))
        return " → ".join(steps)
