//! fourchar (being built).
