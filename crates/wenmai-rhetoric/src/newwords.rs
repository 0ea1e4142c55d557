//! newwords (being built).
