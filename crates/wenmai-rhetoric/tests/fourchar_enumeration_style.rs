//! Four-character expressions, enumerations and style: the same results for 1, 2 and 8
//! threads on real reports, and the idiom list as shipped.

use wenmai_rhetoric::enumeration::enumerations_all;
use wenmai_rhetoric::fourchar::four_char;
use wenmai_rhetoric::style::style_rows;
use wenmai_segment::Segmenter;

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(f)
}

#[test]
fn same_results_for_1_2_and_8_threads() {
    // Eight reports (of four decades with the corpus) are enough to spread over 8 threads.
    let reports = wenmai_testdata::reports_or_sample();
    let step = (reports.len() / 8).max(1);
    let docs: Vec<_> = reports
        .iter()
        .step_by(step)
        .take(8)
        .map(|(_, text)| wenmai_parse::parse(text))
        .collect();
    assert!(!docs.is_empty());
    let seg = Segmenter::default();
    let groups: Vec<Option<usize>> = (0..docs.len()).map(|i| Some(i % 2)).collect();
    // Debug text: NaN compares unequal to itself, its printed form does not.
    let run = || {
        let t = four_char(&docs, &seg, 2);
        let e = enumerations_all(&docs);
        let s = style_rows(&docs, &seg, None);
        let g = style_rows(&docs, &seg, Some((&groups, 2)));
        format!("{t:?}\n{e:?}\n{s:?}\n{g:?}")
    };
    let one = in_pool(1, run);
    assert!(one.len() > 10_000);
    assert_eq!(in_pool(2, run), one);
    assert_eq!(in_pool(8, run), one);
}
