//! Enumerations: the outline (how deep, how many sections at each level, which marker
//! families) and the inline runs of points (`一是…N是`, `首先…最后`) the parser found.
//!
//! A run is a sequence of the parser's points of one kind numbered 1, 2, 3…: kinds are
//! `一是` (`shi`), `一要` (`yao`), `首先…其次…最后` (`order`) and `第一，` (`di`). The text
//! under a run is the text of its points (each from its marker to the next point or the end
//! of its paragraph).

use rayon::prelude::*;
use wenmai_parse::Document;

/// The kind of an inline point marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PointKind {
    /// `一是`, `二是` …
    Shi,
    /// `一要`, `二要` …
    Yao,
    /// `首先`, `其次`, `再次`, `最后`.
    Order,
    /// `第一，`, `第二，` …
    Di,
}

/// The kind of a point from its marker as written.
///
/// # Examples
/// ```
/// use wenmai_rhetoric::enumeration::{PointKind, point_kind};
/// assert_eq!(point_kind("三是"), PointKind::Shi);
/// assert_eq!(point_kind("第二，"), PointKind::Di);
/// assert_eq!(point_kind("最后"), PointKind::Order);
/// ```
pub fn point_kind(marker: &str) -> PointKind {
    if marker.starts_with('第') {
        PointKind::Di
    } else if marker.ends_with('是') {
        PointKind::Shi
    } else if marker.ends_with('要') {
        PointKind::Yao
    } else {
        PointKind::Order
    }
}

/// Runs of one kind in a document.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Runs {
    /// How many runs.
    pub count: usize,
    /// Points of the longest run (0 without runs).
    pub longest: usize,
    /// Characters of the text under the runs.
    pub chars: usize,
}

/// The enumerations of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enumerations {
    /// Characters of the document text.
    pub chars: usize,
    /// Deepest outline level (0 without headings).
    pub depth: usize,
    /// Sections at levels 1, 2, … `depth`.
    pub sections_per_level: Vec<usize>,
    /// The marker family of each level (of the level's first heading), level 1 first.
    pub families: Vec<&'static str>,
    /// All points the parser found.
    pub points: usize,
    /// `一是…N是` runs.
    pub shi: Runs,
    /// `一要…N要` runs.
    pub yao: Runs,
    /// `首先…最后` runs.
    pub order: Runs,
    /// `第一，…第N，` runs.
    pub di: Runs,
}

impl Enumerations {
    /// All runs of every kind.
    pub fn runs(&self) -> usize {
        self.shi.count + self.yao.count + self.order.count + self.di.count
    }

    /// Points per section (`None` without sections).
    pub fn points_per_section(&self) -> Option<f64> {
        let n: usize = self.sections_per_level.iter().sum();
        (n > 0).then(|| self.points as f64 / n as f64)
    }
}

/// The enumerations of a document.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n一、总体要求\n（一）目标\n要做到：一是学习，二是实践，三是创新。\n");
/// let e = wenmai_rhetoric::enumeration::enumerations(&doc);
/// assert_eq!((e.depth, e.sections_per_level.clone(), e.families.clone()),
///            (2, vec![1, 1], vec!["chinese", "paren_chinese"]));
/// assert_eq!((e.points, e.shi.count, e.shi.longest), (3, 1, 3));
/// ```
pub fn enumerations(doc: &Document) -> Enumerations {
    let mut e = Enumerations {
        chars: doc.text.chars().count(),
        ..Enumerations::default()
    };
    for s in &doc.sections {
        let level = usize::from(s.level.max(1));
        if level > e.sections_per_level.len() {
            e.sections_per_level.resize(level, 0);
            e.families.resize(level, "");
        }
        e.sections_per_level[level - 1] += 1;
        if e.families[level - 1].is_empty() {
            e.families[level - 1] = s.family.name();
        }
    }
    e.depth = e.sections_per_level.len();
    e.points = doc.points.len();
    // Open run per kind: (last number, points so far).
    let mut open: [(u32, usize); 4] = [(0, 0); 4];
    let slot = |k: PointKind| match k {
        PointKind::Shi => 0,
        PointKind::Yao => 1,
        PointKind::Order => 2,
        PointKind::Di => 3,
    };
    let mut runs = [Runs::default(); 4];
    let close = |runs: &mut [Runs; 4], k: usize, len: usize| {
        if len >= 2 {
            runs[k].count += 1;
            runs[k].longest = runs[k].longest.max(len);
        }
    };
    let mut under = [0usize; 4];
    let mut run_chars = [0usize; 4];
    for p in &doc.points {
        let k = slot(point_kind(&p.marker));
        let chars = p.span.char_end - p.span.char_start;
        if p.number == open[k].0 + 1 && open[k].1 > 0 {
            open[k] = (p.number, open[k].1 + 1);
            run_chars[k] += chars;
        } else {
            close(&mut runs, k, open[k].1);
            if open[k].1 >= 2 {
                under[k] += run_chars[k];
            }
            open[k] = (p.number, 1);
            run_chars[k] = chars;
        }
    }
    for k in 0..4 {
        close(&mut runs, k, open[k].1);
        if open[k].1 >= 2 {
            under[k] += run_chars[k];
        }
        runs[k].chars = under[k];
    }
    [e.shi, e.yao, e.order, e.di] = runs;
    e
}

/// [`enumerations`] of every document, in parallel, in document order.
pub fn enumerations_all(docs: &[Document]) -> Vec<Enumerations> {
    docs.par_iter().map(enumerations).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_runs_and_share() {
        let doc = wenmai_parse::parse("标题\n\n首先，学习。其次，实践。最后，总结。\n");
        let e = enumerations(&doc);
        assert_eq!((e.order.count, e.order.longest), (1, 3));
        assert_eq!(
            e.order.chars,
            "首先，学习。其次，实践。最后，总结。".chars().count()
        );
        assert_eq!(e.points_per_section(), None);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in ["", "\n\n", "一是", "第一，第二，", "（一）\n（二）"] {
            let _ = enumerations(&wenmai_parse::parse(t));
        }
    }
}
