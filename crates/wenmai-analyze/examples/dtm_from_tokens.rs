//! Build a document-term matrix and its tf-idf from already tokenised documents (JSON on
//! stdin) and print both as JSON (input for `scripts/sklearn_parity.py`).
//!
//! stdin: `{"docs": [[token, ...], ...], "min_df": 1 | 0.1, "max_df": 1.0 | 5,
//! "max_features": null | 100, "binary": false, "norm": "l2" | "l1" | null,
//! "smooth_idf": true, "sublinear_tf": false}`
//!
//! `cargo run --release -p wenmai-analyze --example dtm_from_tokens < params.json`

use serde_json::Value;
use wenmai_analyze::{DfBound, DocTermMatrix, DtmOptions, Norm, TfidfOptions};

fn bound(v: &Value, default: DfBound) -> Result<DfBound, String> {
    match v {
        Value::Null => Ok(default),
        Value::Number(n) if n.is_u64() => Ok(DfBound::Count(n.as_u64().unwrap_or(0) as usize)),
        Value::Number(n) => Ok(DfBound::Proportion(n.as_f64().unwrap_or(0.0))),
        other => Err(format!("not a df bound: {other}")),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let p: Value = serde_json::from_reader(std::io::stdin().lock())?;
    let docs: Vec<Vec<String>> = serde_json::from_value(p["docs"].clone())?;
    let opts = DtmOptions {
        min_df: bound(&p["min_df"], DfBound::Count(1))?,
        max_df: bound(&p["max_df"], DfBound::Proportion(1.0))?,
        max_features: p["max_features"].as_u64().map(|n| n as usize),
        binary: p["binary"].as_bool().unwrap_or(false),
    };
    let tfidf = TfidfOptions {
        norm: match p["norm"].as_str() {
            Some("l1") => Norm::L1,
            Some("l2") => Norm::L2,
            _ => Norm::None,
        },
        use_idf: true,
        smooth_idf: p["smooth_idf"].as_bool().unwrap_or(true),
        sublinear_tf: p["sublinear_tf"].as_bool().unwrap_or(false),
    };
    let m = DocTermMatrix::from_tokens(&docs, &opts)?;
    let (w, idf) = m.tfidf(&tfidf);
    let out = serde_json::json!({
        "terms": m.terms, "indptr": m.indptr, "indices": m.indices, "data": m.data,
        "tfidf_data": w.data, "idf": idf.to_vec(),
    });
    println!("{out}");
    Ok(())
}
