//! Turns a raw record into a clean Document: HTML main-content extraction and plain-text boilerplate removal.
