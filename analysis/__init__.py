"""The dashboard's questions: filters, headlines, currency conversion and checks.

They sit between `dataset` (what is stored) and `charts` (what is drawn) and draw nothing.
"""
