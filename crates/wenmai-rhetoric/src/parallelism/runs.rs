//! The run finders of [`super`] that need no tokens or take tags already made: clause
//! groups sharing a clause's head or tail, three- and four-character predicates, aligned
//! characters, words at the same place, and the frame shown for a group.

use super::*;

/// Members of several clauses each whose clauses at one place share a head or a tail of two
/// characters or more (`说老实话，就是讲真话…；办老实事，就是严走程序…`).
pub(super) fn clause_runs<'a>(
    level: u8,
    texts: &[&'a str],
    min_members: usize,
    runs: &mut Vec<Run>,
) {
    let split = |t: &'a str| -> Vec<&'a str> {
        t.split(|c: char| separator(c).is_some_and(|l| l >= 1 && l < level))
            .map(|x| x.trim_matches(is_edge))
            .collect()
    };
    let clauses: Vec<Vec<&str>> = texts.iter().map(|t| split(t)).collect();
    // Sentences need a longer shared part than clause groups.
    let least = if level >= 3 { 4 } else { 2 };
    let k = texts.len();
    let mut i = 0;
    while i < k {
        let n = clauses[i].len();
        let mut best: Option<(usize, Run)> = None;
        for c in 0..n.min(4) {
            for kind in [Kind::Head, Kind::Tail] {
                let share = |a: &str, b: &str| {
                    if kind == Kind::Head {
                        common_prefix(a, b)
                    } else {
                        common_suffix(a, b)
                    }
                };
                let mut j = i;
                let mut min_share = usize::MAX;
                while j + 1 < k && clauses[j + 1].len() == n {
                    let (a, b) = (&clauses[j][c], &clauses[j + 1][c]);
                    let sh = share(a, b);
                    if sh < least || sh >= chars(a) || sh >= chars(b) {
                        break;
                    }
                    min_share = min_share.min(sh);
                    j += 1;
                }
                if n >= 2 && j + 1 - i >= min_members && best.as_ref().is_none_or(|b| b.0 < j) {
                    let first = &clauses[i][c];
                    let part: String = if kind == Kind::Head {
                        format!("{}…", first.chars().take(min_share).collect::<String>())
                    } else {
                        format!(
                            "…{}",
                            first
                                .chars()
                                .skip(chars(first) - min_share)
                                .collect::<String>()
                        )
                    };
                    let mut frame = vec!["…".to_string(); n];
                    frame[c] = part;
                    let frame = frame.join("，").replace("……", "…");
                    best = Some((j, (i, j, kind, Some(frame))));
                }
            }
        }
        match best {
            Some((j, run)) => {
                runs.push(run);
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

/// Runs of three- or four-character members most of which are predicates or set phrases
/// (`统筹安排、科学调度、有序协调`, `深挖洞、广积粮、不称霸`), not noun lists.
pub(super) fn fixed_runs(
    shapes: &[Shape],
    lens: &[usize],
    base: usize,
    min_members: usize,
    runs: &mut Vec<Run>,
) {
    let mut a = 0;
    while a < lens.len() {
        let n = lens[a];
        let mut b = a;
        while b + 1 < lens.len() && lens[b + 1] == n {
            b += 1;
        }
        let count = b + 1 - a;
        let nominal = shapes[a..=b].iter().filter(|s| s.nominal).count();
        if (n == 3 || n == 4) && count >= min_members && 2 * nominal < count {
            runs.push((base + a, base + b, Kind::Shape, None));
        }
        a = b + 1;
    }
}

/// Same shape: the same tag pattern, or both four-character predicates (`统筹安排、科学调度`).
pub(super) fn alike(a: &Shape, b: &Shape) -> bool {
    same_shape(a, b) || (predicate_four(a) && predicate_four(b))
}

/// A four-character phrase holding a verb, an adjective, an adverb or an idiom.
pub(super) fn predicate_four(s: &Shape) -> bool {
    s.lens.iter().sum::<usize>() == 4 && s.tags.iter().any(|t| matches!(t, 'v' | 'a' | 'd' | 'i'))
}

/// Runs of short members alike in length that share a character at the same place inside
/// (`说老实话、办老实事、做老实人`, `收集好资料，归纳好方法`).
pub(super) fn middle_runs(texts: &[&str], lens: &[usize], min_members: usize, runs: &mut Vec<Run>) {
    let cs: Vec<Vec<char>> = texts.iter().map(|t| t.chars().collect()).collect();
    let fits = |x: usize| (3..=16).contains(&lens[x]);
    // Short members alike in length may share any inner place; longer ones only the second
    // or third character (`完成了…，进行了…，确立了…`).
    let places = |a: usize, b: usize| -> usize {
        if lens[a].max(lens[b]) <= 8 && lens[a].abs_diff(lens[b]) <= 1 {
            usize::MAX
        } else if lens[a].max(lens[b]) <= 2 * lens[a].min(lens[b]) {
            2
        } else {
            0
        }
    };
    let mut i = 0;
    while i < texts.len() {
        if !fits(i) {
            i += 1;
            continue;
        }
        let mut shared: Vec<usize> = (1..lens[i] - 1).filter(|&p| is_han(cs[i][p])).collect();
        let mut j = i;
        while j + 1 < texts.len() && fits(j + 1) {
            let upto = places(j, j + 1);
            let next: Vec<usize> = shared
                .iter()
                .copied()
                .filter(|&p| {
                    p <= upto
                        && p + 1 < lens[j + 1]
                        && cs[j + 1][p] == cs[i][p]
                        && cs[j + 1][0] != cs[i][0]
                })
                .collect();
            if next.is_empty() {
                break;
            }
            shared = next;
            j += 1;
        }
        if j + 1 - i >= min_members {
            runs.push((i, j, Kind::Shape, None));
        }
        i = j + 1;
    }
}

/// Runs of short members, alike in length, that share a word of two characters or more
/// anywhere inside (`对人民负责，为人民谋利益，接受人民监督`).
pub(super) fn word_runs(texts: &[&str], lens: &[usize], min_members: usize, runs: &mut Vec<Run>) {
    let fits = |x: usize| (4..=12).contains(&lens[x]);
    let cs: Vec<Vec<char>> = texts.iter().map(|t| t.chars().collect()).collect();
    // Whether `word` stands in `t` within a character of place `p`.
    let near = |t: &[char], word: &[char], p: usize| {
        (p.saturating_sub(1)..=p + 1).any(|q| t.get(q..q + word.len()) == Some(word))
    };
    let mut i = 0;
    while i < texts.len() {
        if !fits(i) {
            i += 1;
            continue;
        }
        // Words of two to four Han characters of the first member: (place, length).
        let first = &cs[i];
        let mut shared: Vec<(usize, usize)> = Vec::new();
        for a in 0..first.len() {
            for n in 2..=4 {
                if a + n <= first.len() && first[a..a + n].iter().all(|&c| is_han(c)) {
                    shared.push((a, n));
                }
            }
        }
        let mut j = i;
        while j + 1 < texts.len()
            && fits(j + 1)
            && lens[j].max(lens[j + 1]) <= 2 * lens[j].min(lens[j + 1])
        {
            // The word stands at about the same place in each member (a topic word repeated
            // anywhere is no frame).
            shared.retain(|&(a, n)| near(&cs[j + 1], &first[a..a + n], a));
            if shared.is_empty() {
                break;
            }
            j += 1;
        }
        if j + 1 - i >= min_members {
            runs.push((i, j, Kind::Shape, None));
        }
        i = if j > i { j + 1 } else { i + 1 };
    }
}

pub(super) fn same_shape(a: &Shape, b: &Shape) -> bool {
    if a.tags.len() < 2 || a.tags != b.tags {
        return false;
    }
    // A plain list of nouns is no parallel: the pattern must hold a predicate or a modifier.
    a.tags
        .iter()
        .any(|t| !matches!(t, 'n' | 'x' | 'm' | 'q' | 'r'))
}

/// The shared frame of a group's member texts.
pub(super) fn frame_of(texts: &[&str], kind: Kind, dict: &Dictionary) -> String {
    let prefix = texts
        .windows(2)
        .map(|w| common_prefix(w[0], w[1]))
        .min()
        .unwrap_or(0);
    let suffix = texts
        .windows(2)
        .map(|w| common_suffix(w[0], w[1]))
        .min()
        .unwrap_or(0);
    let first = texts.first().copied().unwrap_or("");
    let n = chars(first);
    let head: String = first.chars().take(prefix).collect();
    let tail: String = first.chars().skip(n.saturating_sub(suffix)).collect();
    match kind {
        Kind::Head => format!("{head}…"),
        Kind::Tail => format!("…{tail}"),
        Kind::HeadTail => format!("{head}…{tail}"),
        Kind::Shape => {
            let common = common_substring(texts);
            if common.is_empty() {
                let mut tags: Vec<String> = Vec::new();
                dict.each_tagged(first, true, |_, _, t| tags.push(coarse(t).to_string()));
                tags.join("+")
            } else {
                let mut f = String::new();
                if !first.starts_with(&common) {
                    f.push('…');
                }
                f.push_str(&common);
                if !first.ends_with(&common) {
                    f.push('…');
                }
                f
            }
        }
    }
}

/// The longest run of Han characters found in every text (the first one if several).
pub(super) fn common_substring(texts: &[&str]) -> String {
    let Some(first) = texts.first() else {
        return String::new();
    };
    let cs: Vec<char> = first.chars().collect();
    for len in (1..=cs.len()).rev() {
        for s in 0..=cs.len() - len {
            let cand: String = cs[s..s + len].iter().collect();
            if cand.chars().all(is_han) && texts.iter().all(|t| t.contains(&cand)) {
                return cand;
            }
        }
    }
    String::new()
}
