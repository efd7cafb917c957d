"""The course's directives, each putting instructor data from exercises/ (or the code) into pages."""
from .bank_pages import DiscussionHandout, ExerciseBank
from .progress import ContinueHere, ProgressSummary
from .schema_reference import SchemaReference
from .section import DiscussionPrompts, FreeResponse, InstructorOnly, LastReviewed, LearningObjectives

DIRECTIVES = {
    "learning-objectives": LearningObjectives,
    "discussion-prompts": DiscussionPrompts,
    "free-response": FreeResponse,
    "instructor-only": InstructorOnly,
    "last-reviewed": LastReviewed,
    "progress-summary": ProgressSummary,
    "continue-here": ContinueHere,
    "exercise-bank": ExerciseBank,
    "discussion-handout": DiscussionHandout,
    "schema-reference": SchemaReference,
}
