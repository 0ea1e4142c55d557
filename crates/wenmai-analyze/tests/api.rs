//! Behaviour of the public API on small inputs, checked by hand or against jieba 0.42.1's
//! documented behaviour.

use wenmai_analyze::{
    Analyzer, Corpus, CorpusStats, CutMode, DfBound, DocTermMatrix, DtmOptions, Error, IdfTable,
    KeywordExtractor, Norm, Segmenter, TfidfOptions, Unit,
};

#[test]
fn userdict_lines_as_jieba_reads_them() {
    let seg = Segmenter::new();
    // word only; word + tag without a frequency; word + freq; word + freq + tag; blank lines; a
    // BOM; a word containing a space; a line with an upper-case tag (whole line is the word).
    let dict = "\u{feff}云计算\n\n创新办 i\n韩玉赏鉴 3 nz\n八一双鹿 10\nNew York 5 ns\n台中 3 NS\n";
    assert_eq!(seg.load_userdict(dict.as_bytes()).unwrap(), 6);
    for w in [
        "云计算",
        "创新办",
        "韩玉赏鉴",
        "八一双鹿",
        "New York",
        "台中 3 NS",
    ] {
        assert!(seg.contains(w).unwrap(), "{w}");
    }
    let words = seg.cut(
        "李小福是创新办主任也是云计算方面的专家",
        CutMode::Precise,
        true,
    );
    assert_eq!(
        words,
        [
            "李小福",
            "是",
            "创新办",
            "主任",
            "也",
            "是",
            "云计算",
            "方面",
            "的",
            "专家"
        ]
    );
    let tags = seg.tag("创新办主任", true);
    assert_eq!(tags[0], ("创新办", "i".to_string()));
    // the default dictionary is untouched
    assert!(!Segmenter::default().contains("创新办").unwrap());
}

#[test]
fn userdict_errors_name_the_line() {
    let seg = Segmenter::new();
    let err = seg.load_userdict(&b"ok 3\n\xff\xfe bad\n"[..]).unwrap_err();
    assert!(matches!(err, Error::UserDict { line: 2, .. }), "{err}");
    let err = seg
        .load_userdict("x 99999999999999999999999999\n".as_bytes())
        .unwrap_err();
    assert!(matches!(err, Error::UserDict { line: 1, .. }), "{err}");
}

#[test]
fn del_word_and_suggest_freq() {
    let seg = Segmenter::new();
    assert_eq!(
        seg.cut("今天天气不错", CutMode::Precise, false),
        ["今天天气", "不错"]
    );
    seg.del_word("今天天气").unwrap();
    assert_eq!(
        seg.cut("今天天气不错", CutMode::Precise, false),
        ["今天", "天气", "不错"]
    );
    // jieba's README: suggest_freq(('中', '将'), True) splits 中将 (jieba 0.42.1 returns 494)
    assert_eq!(seg.suggest_freq(&["中", "将"], false).unwrap(), 494);
    assert_eq!(seg.suggest_freq(&["云计算"], false).unwrap(), 1); // jieba.suggest_freq('云计算')
    seg.suggest_freq(&["中", "将"], true).unwrap();
    assert_eq!(
        seg.cut("如果放到post中将出错。", CutMode::Precise, false),
        ["如果", "放到", "post", "中", "将", "出错", "。"]
    );
    // and suggest_freq('台中', True) keeps 台中 whole
    seg.suggest_freq(&["台中"], true).unwrap();
    assert!(
        seg.cut("「台中」正确应该不会被切开", CutMode::Precise, false)
            .contains(&"台中")
    );
}

#[test]
fn tokenize_offsets_are_chars() {
    let seg = Segmenter::default();
    let text = "ａ１，我们";
    let t = seg.tokenize(text, CutMode::Precise, true);
    let spans: Vec<(&str, usize, usize)> = t.iter().map(|t| (t.word, t.start, t.end)).collect();
    assert_eq!(
        spans,
        [("ａ", 0, 1), ("１", 1, 2), ("，", 2, 3), ("我们", 3, 5)]
    );
    for tok in &t {
        assert_eq!(&text[tok.byte_start..tok.byte_end], tok.word);
    }
}

#[test]
fn cut_many_keeps_order() {
    let seg = Segmenter::default();
    let texts: Vec<String> = (0..200)
        .map(|i| format!("第{i}篇文章讨论经济发展"))
        .collect();
    let many = seg.cut_many(&texts, CutMode::Precise, true);
    for (t, words) in texts.iter().zip(&many) {
        assert_eq!(words.concat(), *t);
    }
}

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
