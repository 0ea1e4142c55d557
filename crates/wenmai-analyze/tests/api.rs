//! Behaviour of the public API on small inputs, checked by hand or against jieba 0.42.1's
//! documented behaviour.

use wenmai_analyze::{
    Analyzer, Corpus, CorpusStats, DfBound, DocTermMatrix, DtmOptions, Error, IdfTable,
    KeywordExtractor, Norm, TfidfOptions, Unit,
};

#[test]
fn units_know_document_and_section() {
    let text = "标题\n一、总则\n发展经济。改革开放。\n二、措施\n科技创新。";
    let corpus = Corpus::from_texts([text, "没有标题的短文。"]);
    let an = Analyzer::default();
    let m = corpus
        .dtm(&an, Unit::Sentence, &DtmOptions::default())
        .unwrap();
    assert_eq!(m.units.len(), m.n_rows());
    assert!(m.units.iter().any(|u| u.document == 1));
    let doc = &corpus.documents()[0];
    for u in m.units.iter().filter(|u| u.document == 0) {
        let s = u.index.unwrap();
        assert_eq!(u.section, doc.sentences[s].section);
    }
    let sections = corpus
        .dtm(&an, Unit::Section, &DtmOptions::default())
        .unwrap();
    let total: f64 = sections.data.iter().sum();
    let by_doc = corpus
        .dtm(&an, Unit::Document, &DtmOptions::default())
        .unwrap();
    // every term counted once whichever the unit
    assert_eq!(total, by_doc.data.iter().sum::<f64>());
    assert_eq!(m.data.iter().sum::<f64>(), total);
}

#[test]
fn corpus_stats_merge_is_a_monoid() {
    let a = CorpusStats::from_tokens(&[vec!["经济", "发展"], vec!["经济"]]);
    let b = CorpusStats::from_tokens(&[vec!["科技"]]);
    let c = CorpusStats::from_tokens(&[vec!["经济", "科技", "科技"]]);
    let e = CorpusStats::default();
    assert_eq!(
        a.clone().merge(b.clone()).merge(c.clone()),
        a.clone().merge(b.clone().merge(c.clone()))
    );
    assert_eq!(a.clone().merge(b.clone()), b.clone().merge(a.clone()));
    assert_eq!(a.clone().merge(e), a);
    let all = CorpusStats::from_tokens(&[
        vec!["经济", "发展"],
        vec!["经济"],
        vec!["科技"],
        vec!["经济", "科技", "科技"],
    ]);
    assert_eq!(a.merge(b).merge(c.clone()), all);
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<CorpusStats>(&json).unwrap(), c);
}

#[test]
fn transform_with_fitted_vocabulary_and_idf() {
    let train = [vec!["a", "b", "b"], vec!["a", "c"]];
    let m = DocTermMatrix::from_tokens(&train, &DtmOptions::default()).unwrap();
    let (_, idf) = m.tfidf(&TfidfOptions::default());
    let new = DocTermMatrix::transform_tokens(&[vec!["c", "c", "z", "a"]], &m.vocabulary(), false);
    assert_eq!(new.terms, ["a", "b", "c"]);
    assert_eq!(
        (new.indices.clone(), new.data.clone()),
        (vec![0, 2], vec![1.0, 2.0])
    );
    let w = new.apply_idf(
        Some(&idf),
        &TfidfOptions {
            norm: Norm::None,
            ..Default::default()
        },
    );
    // idf: a ln(3/3)+1 = 1, c ln(3/2)+1
    assert_eq!(w.data, [1.0, 2.0 * ((1.5f64).ln() + 1.0)]);
}

#[test]
fn df_bounds_out_of_range_are_errors() {
    let docs = [vec!["a"]];
    let o = DtmOptions {
        max_df: DfBound::Proportion(1.5),
        ..Default::default()
    };
    assert!(matches!(
        DocTermMatrix::from_tokens(&docs, &o),
        Err(Error::InvalidParameter(_))
    ));
}

#[test]
fn idf_table_round_trip_in_jieba_format() {
    let stats = CorpusStats::from_tokens(&[vec!["经济", "发展"], vec!["经济"], vec!["科技"]]);
    let t = stats.idf_table();
    let mut buf = Vec::new();
    t.save(&mut buf).unwrap();
    let back = IdfTable::load(buf.as_slice()).unwrap();
    assert_eq!(back, t);
    assert_eq!(back.get("经济"), (3.0f64 / 2.0).ln());
    // a keyword extractor can use it
    let mut kw = KeywordExtractor::default();
    kw.set_idf(back);
    assert_eq!(
        kw.extract_tags("科技经济", None, &[], false)[0].word,
        "科技"
    );
}

#[test]
fn extract_tags_with_pos_and_flags() {
    let kw = KeywordExtractor::default();
    let text = "我爱北京天安门，北京是首都";
    let ns = kw.extract_tags(text, Some(5), &["ns"], true);
    assert!(ns.iter().all(|k| k.flag.as_deref() == Some("ns")));
    assert_eq!(ns[0].word, "北京");
    let all = kw.extract_tags(text, None, &[], false);
    assert!(all.iter().all(|k| k.flag.is_none()));
    assert!(kw.textrank(text, Some(5), &[], false).is_empty());
}

#[test]
fn tfidf_keywords_is_dtm_then_tfidf_then_top_k() {
    // The one-call path counts document frequencies once and reuses them for the idf: the
    // same matrix and keywords as the separate calls, pruned or not.
    let texts = [
        "发展经济，发展科技，发展教育。",
        "科技创新推动经济发展。",
        "教育是国之大计，科技是第一生产力。",
        "经济平稳运行，就业总体稳定。",
    ];
    let c = Corpus::from_texts(texts);
    let an = Analyzer::default();
    for opts in [
        DtmOptions::default(),
        DtmOptions {
            min_df: DfBound::Count(2),
            max_df: DfBound::Proportion(0.9),
            ..DtmOptions::default()
        },
        DtmOptions {
            max_features: Some(5),
            binary: true,
            ..DtmOptions::default()
        },
    ] {
        for tf in [
            TfidfOptions::default(),
            TfidfOptions {
                smooth_idf: false,
                sublinear_tf: true,
                norm: Norm::L1,
                ..TfidfOptions::default()
            },
        ] {
            let (w, k) = c
                .tfidf_keywords(&an, Unit::Document, &opts, &tf, 3)
                .unwrap();
            let (expected, _) = c.dtm(&an, Unit::Document, &opts).unwrap().tfidf(&tf);
            assert_eq!(w, expected);
            let top: Vec<Vec<(String, f64)>> = expected
                .top_k(3)
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|(j, v)| (expected.terms[j].clone(), v))
                        .collect()
                })
                .collect();
            assert_eq!(k, top);
        }
    }
}
