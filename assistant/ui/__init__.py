"""The Gradio web UI: handlers (pure functions) in handlers.py, storage in workspace.py, layout in app.py."""
