"""The use cases the widgets call: plain Python, no Qt, tested without a screen.

A widget gathers what the person entered, calls one function or method here and renders the
result (a plain value or an enum of problems); the rules themselves are decided here once.
"""
