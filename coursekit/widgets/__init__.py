"""The course widgets: anywidget classes whose ES modules also run in the static book."""
