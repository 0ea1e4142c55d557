//! Which of a document's dates is its publication date.
//!
//! A document often carries several dated lines: a 批复 a meeting line
//! (`2016年5月9日 …审判委员会第1681次会议`), a second meeting that passed it
//! (`2016年6月1日 …检察委员会…会议通过`) and its effective date (`2016年7月1日 施行`); a law
//! its passing, its promulgation and its effective date; a notice its signing date. The
//! publication date is chosen by the event the date labels, in this order of preference:
//!
//! 1. a `发布时间:`-style field (`【发布日期】` of a law-database export);
//! 2. `公布`, `发布`, `印发`, `颁布` (promulgation);
//! 3. `通过` (passed);
//! 4. `批准` (approved by a higher organ);
//! 5. `施行`, `实施`, `生效` (in force);
//! 6. `成文` (the signing date under the issuer at the end);
//! 7. any other date (a meeting line without a verb, `修正`, `修订`, an unlabelled date).
//!
//! Among dates of the same rank the latest wins, except in the last rank, where the first
//! one does (the date a report was delivered comes first, amendments after it).

use crate::document::{DateValue, LabeledDate};

/// The rank of a date label in the order above (lower is preferred).
fn rank(label: &str) -> u8 {
    match label {
        "公布" | "发布" | "印发" | "颁布" => 0,
        "通过" => 1,
        "批准" => 2,
        "施行" | "实施" | "生效" => 3,
        "成文" => 4,
        _ => 5,
    }
}

/// The publication date among `dates` (see the module documentation).
pub(super) fn published(dates: &[LabeledDate]) -> Option<DateValue> {
    let best = dates.iter().map(|d| rank(&d.label)).min()?;
    let same = dates.iter().filter(|d| rank(&d.label) == best);
    if best == 5 {
        same.map(|d| d.date).next()
    } else {
        same.map(|d| d.date).max_by_key(|d| match d {
            DateValue::Date(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default(),
            DateValue::DateTime(t) => *t,
        })
    }
}
