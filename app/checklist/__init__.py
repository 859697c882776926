"""The checklist: the service's content, loaded and validated from a YAML file."""

from .faults import ChecklistError, Fault
from .loader import load_checklist
from .schema import AnswerOption, Checklist, Condition, Contact, Picture, Question, Rule

__all__ = [
    "AnswerOption",
    "Checklist",
    "ChecklistError",
    "Condition",
    "Contact",
    "Fault",
    "Picture",
    "Question",
    "Rule",
    "load_checklist",
]
