//! style (being built).
