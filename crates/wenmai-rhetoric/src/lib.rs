//! The rhetoric of official Chinese writing, measured: parallel clauses (排比), four-character
//! phrases and idioms (四字格, 成语), enumerations (`一是…二是…`), set formulations (提法),
//! new words and style. Each measure runs on parsed documents (`wenmai-parse`) and jieba's
//! tags (`wenmai-segment`), in parallel over documents and with the same result for any
//! thread count.

pub mod enumeration;
pub mod formulation;
pub mod fourchar;
pub mod newwords;
pub mod parallelism;
pub mod style;
pub mod suffix;
