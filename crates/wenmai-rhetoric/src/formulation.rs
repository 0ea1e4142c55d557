//! formulation (being built).
