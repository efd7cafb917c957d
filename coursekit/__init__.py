"""coursekit: quizzes, timelines and exercise tooling for the course's Jupyter Book."""
from .widgets.quiz import Quiz
from .widgets.timeline import Timeline

__all__ = ["Quiz", "Timeline"]
__version__ = "0.1.0"
