//! Term lists in string order and the merge of sorted lists, with few string comparisons.

use rayon::prelude::*;

/// `terms` (distinct) in string order, and the place in it of each term of the input.
pub(super) fn sorted_terms(terms: Vec<String>) -> (Vec<String>, Vec<u32>) {
    let mut order: Vec<(u64, u32)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (prefix_key(t), i as u32))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| terms[a.1 as usize].cmp(&terms[b.1 as usize]))
    });
    let mut position = vec![0u32; order.len()];
    for (new, &(_, old)) in order.iter().enumerate() {
        position[old as usize] = new as u32;
    }
    let mut old_terms = terms;
    let sorted = order
        .iter()
        .map(|&(_, old)| std::mem::take(&mut old_terms[old as usize]))
        .collect();
    (sorted, position)
}

/// The first eight bytes of `t`, big-endian and zero-padded: comparing these first and the
/// strings only when they are equal is string order, with few string comparisons.
#[inline]
pub(crate) fn prefix_key(t: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = t.len().min(8);
    b[..n].copy_from_slice(&t.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// Merge sorted, duplicate-free term lists: the (list, index) of each merged term's first
/// occurrence, in term order, and per list the merged id of each of its terms.
///
/// The term space is cut into ranges at quantiles of the largest list, and the ranges are
/// merged in parallel (each a k-way merge).
#[allow(clippy::type_complexity)]
pub(crate) fn merge_sorted(lists: &[&[&str]]) -> (Vec<(usize, usize)>, Vec<Vec<u32>>) {
    let largest = lists.iter().copied().max_by_key(|l| l.len()).unwrap_or(&[]);
    let buckets = (rayon::current_num_threads() * 4).clamp(1, largest.len().max(1));
    let mut bounds: Vec<&str> = (1..buckets)
        .map(|b| largest[b * largest.len() / buckets])
        .collect();
    bounds.dedup();
    // cuts[p][b]: where range b starts in list p (with the list's end appended).
    let cuts: Vec<Vec<usize>> = lists
        .iter()
        .map(|l| {
            std::iter::once(0)
                .chain(bounds.iter().map(|b| l.partition_point(|t| t < b)))
                .chain(std::iter::once(l.len()))
                .collect()
        })
        .collect();
    // Per range: the (list, index) of each merged term's first occurrence, and per list the
    // range-local merged id of each of its terms in the range. The lists are few: the next
    // term is the least of their heads, found by a scan.
    type Merged = (Vec<(usize, usize)>, Vec<Vec<u32>>);
    let merged: Vec<Merged> = (0..=bounds.len())
        .into_par_iter()
        .map(|b| {
            let end = |p: usize| cuts[p][b + 1];
            let mut heads: Vec<usize> = (0..lists.len()).map(|p| cuts[p][b]).collect();
            // Each head's prefix key (`u64::MAX` once the list's range is done): most
            // comparisons are of these, not of the strings.
            let key = |p: usize, i: usize| {
                if i < end(p) {
                    prefix_key(lists[p][i])
                } else {
                    u64::MAX
                }
            };
            let mut keys: Vec<u64> = heads.iter().enumerate().map(|(p, &i)| key(p, i)).collect();
            let mut local: Vec<Vec<u32>> = (0..lists.len())
                .map(|p| Vec::with_capacity(end(p) - cuts[p][b]))
                .collect();
            let mut firsts: Vec<(usize, usize)> = Vec::new();
            loop {
                let mut least: Option<usize> = None;
                for p in 0..lists.len() {
                    if heads[p] >= end(p) {
                        continue;
                    }
                    least = match least {
                        Some(q)
                            if keys[q] < keys[p]
                                || (keys[q] == keys[p]
                                    && lists[q][heads[q]] <= lists[p][heads[p]]) =>
                        {
                            Some(q)
                        }
                        _ => Some(p),
                    };
                }
                let Some(first) = least else { break };
                let (k, t) = (keys[first], lists[first][heads[first]]);
                firsts.push((first, heads[first]));
                let id = (firsts.len() - 1) as u32;
                local[first].push(id);
                heads[first] += 1;
                keys[first] = key(first, heads[first]);
                // The same term in the later lists (the earlier ones are past it).
                for p in first + 1..lists.len() {
                    if heads[p] < end(p) && keys[p] == k && lists[p][heads[p]] == t {
                        local[p].push(id);
                        heads[p] += 1;
                        keys[p] = key(p, heads[p]);
                    }
                }
            }
            (firsts, local)
        })
        .collect();
    let mut maps: Vec<Vec<u32>> = lists.iter().map(|l| Vec::with_capacity(l.len())).collect();
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    for (range_firsts, local) in merged {
        let offset = firsts.len() as u32;
        for (map, ids) in maps.iter_mut().zip(local) {
            map.extend(ids.into_iter().map(|id| id + offset));
        }
        firsts.extend(range_firsts);
    }
    (firsts, maps)
}

/// Merge sorted, duplicate-free term lists: the merged terms, and per list the merged id of
/// each of its terms (increasing).
pub(crate) fn merge_sorted_terms(mut lists: Vec<Vec<String>>) -> (Vec<String>, Vec<Vec<u32>>) {
    let (firsts, maps) = {
        let views: Vec<Vec<&str>> = lists
            .iter()
            .map(|l| l.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = views.iter().map(Vec::as_slice).collect();
        merge_sorted(&refs)
    };
    let terms = firsts
        .iter()
        .map(|&(l, i)| std::mem::take(&mut lists[l][i]))
        .collect();
    (terms, maps)
}
