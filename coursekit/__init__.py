"""coursekit: quizzes, timelines and exercise tooling for the course's Jupyter Book."""
from .widgets.quiz import Quiz

__all__ = ["Quiz"]
__version__ = "0.1.0"
