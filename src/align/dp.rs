//! The alignment search: dynamic programming over sentence beads in a band, coarse to fine.
//!
//! A bead joins `a` Chinese and `b` English sentences (1-0, 0-1, 1-1 … 1-5, 2-2, 2-3, 3-2 …).
//! Its cost is low when the two sides share translated words (cosine of their summed
//! vectors; for one Chinese sentence and several English ones, also how well each English
//! sentence matches its own run of the Chinese clauses), when their lengths fit the pair's own
//! length ratio, and when it is small.
//!
//! Memory stays linear in the length of the documents: pairs of up to [`FULL_CELLS`] states
//! are searched whole; longer ones are first aligned as blocks of consecutive sentences (the
//! vectors and lengths of a block are the sums of its sentences'), and the sentence-level
//! search then only visits a band around the block path. The block level may skip blocks, so
//! an English file that translates only some articles leaves the others unaligned.

use std::ops::Range;

use super::features::{MAX_CLAUSES, Mark, Prepared, Sparse, dot, has_structure};

/// Beyond this many states, search coarse to fine.
pub const FULL_CELLS: usize = 1_500_000;

/// At most this many blocks a side at the coarse level.
const COARSE_BLOCKS: usize = 800;

/// The bead shapes searched: (Chinese sentences, English sentences).
pub const SHAPES: &[(usize, usize)] = &[
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    (1, 4),
    (4, 1),
    (2, 3),
    (3, 2),
    (1, 5),
    (2, 4),
    (1, 0),
    (0, 1),
];

/// Largest number of sentences on one side of a bead.
const MAX_SIDE: usize = 5;

/// Weights of the cost, tuned on MAC-Dev (see `examples/evaluate_align.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Weight of `1 − cosine` (per sentence of the bead, both sides averaged).
    pub similarity: f32,
    /// Weight of the length misfit (squared Gale–Church δ over 2).
    pub length: f32,
    /// Variance of the length model per character (Gale–Church s²).
    pub variance: f32,
    /// Cost of leaving one sentence unaligned.
    pub skip: f32,
    /// Cost of each sentence a bead has beyond one on each side.
    pub merge: f32,
    /// Cost of each disagreement with the paragraph structure (when both sides have one): a
    /// paragraph start inside a bead, a bead that starts a paragraph on one side only; twice
    /// that for a heading against body text.
    pub structure: f32,
    /// Share of a one-to-many bead's similarity that comes from its clause fit (how well
    /// each English sentence matches its own run of the Chinese sentence's clauses, in
    /// order) rather than from the cosine of the whole bead.
    pub clauses: f32,
    /// Weight of the hubness margin: how much of each side's mean cosine with its nearest
    /// sentences of the other side ([`HUB_NEIGHBOURS`]) the cost takes off a bead's cosine
    /// (the similarity a bead reports is left as it is). A sentence that shares words with
    /// everything around it is no evidence for any one bead.
    pub hubness: f32,
}

/// How many nearest sentences of the other side make a sentence's hubness.
pub const HUB_NEIGHBOURS: usize = 4;

impl Default for Params {
    fn default() -> Self {
        Params {
            similarity: 0.5,
            length: 0.06,
            variance: 8.5,
            skip: 0.72,
            merge: 0.15,
            structure: 0.1,
            clauses: 0.25,
            hubness: 0.2,
        }
    }
}

/// One bead of a chain: where it starts and its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bead {
    /// First Chinese sentence.
    pub zh_start: usize,
    /// First English sentence.
    pub en_start: usize,
    /// Chinese sentences.
    pub zh_len: usize,
    /// English sentences.
    pub en_len: usize,
}

/// A found path with each bead's similarity and cost.
#[derive(Debug, Clone, Default)]
pub struct BeadChain {
    /// The English-per-Chinese length ratio used.
    pub ratio: f32,
    /// Beads in order.
    pub beads: Vec<Bead>,
    /// Cosine of each bead's sides (0 for 1-0 and 0-1).
    pub similarity: Vec<f32>,
    /// Length misfit (δ) of each bead.
    pub delta: Vec<f32>,
}

/// Allowed English positions for each Chinese position `0..=n`: `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i]
    }

    fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h + 1 - l).sum()
    }
}

/// Sentence-pair dot products inside the band, and the squared norms of every span.
struct Scorer<'a> {
    p: &'a Prepared,
    params: Params,
    ratio: f32,
    /// `dots[k]` holds dot(zh[k], en[l]) for l in `dot_lo[k]..dot_lo[k] + dots[k].len()`.
    dots: Vec<Vec<f32>>,
    dot_lo: Vec<usize>,
    /// `zh_norm[i][a]`: squared norm of the sum of zh[i..i + a] (a ≤ MAX_SIDE).
    zh_norm: Vec<[f32; MAX_SIDE + 1]>,
    en_norm: Vec<[f32; MAX_SIDE + 1]>,
    zh_len_prefix: Vec<f32>,
    en_len_prefix: Vec<f32>,
    /// Whether both sides have a paragraph structure to weigh.
    structured: bool,
    /// For each Chinese sentence of several clauses, one over the norm of the sum of each run
    /// of its clauses: `clause_norms[k][a * C + b]` for clauses `a..=b` of `C`.
    clause_norms: Vec<Vec<f32>>,
    /// `clause_dots[k][(l - dot_lo[k]) * C + x]`: English sentence `l` with clause `x` of
    /// Chinese sentence `k` (of `C` clauses), over the same English range as `dots[k]`.
    clause_dots: Vec<Vec<f32>>,
    /// Mean cosine of each Chinese sentence with its nearest English ones in the band.
    zh_hub: Vec<f32>,
    /// The same for each English sentence.
    en_hub: Vec<f32>,
}

/// Mean of the `HUB_NEIGHBOURS` largest values.
fn mean_of_nearest(mut values: Vec<f32>) -> f32 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable_by(|a, b| b.total_cmp(a));
    values.truncate(HUB_NEIGHBOURS);
    values.iter().sum::<f32>() / values.len() as f32
}

/// Each sentence's hubness on both sides, from the band's dot products.
fn hubness(
    dots: &[Vec<f32>],
    dot_lo: &[usize],
    zh_norm: &[f32],
    en_norm: &[f32],
) -> (Vec<f32>, Vec<f32>) {
    let mut by_en: Vec<Vec<f32>> = vec![Vec::new(); en_norm.len()];
    let zh_hub = dots
        .iter()
        .zip(dot_lo)
        .zip(zh_norm)
        .map(|((row, &lo), &zn)| {
            let cosines: Vec<f32> = row
                .iter()
                .enumerate()
                .map(|(r, &d)| {
                    let norm = (zn * en_norm[lo + r]).sqrt();
                    let cos = if norm > 0.0 { d / norm } else { 0.0 };
                    by_en[lo + r].push(cos);
                    cos
                })
                .collect();
            mean_of_nearest(cosines)
        })
        .collect();
    let en_hub = by_en.into_iter().map(mean_of_nearest).collect();
    (zh_hub, en_hub)
}

fn span_norms(v: &[Sparse]) -> Vec<[f32; MAX_SIDE + 1]> {
    (0..v.len())
        .map(|i| {
            let mut out = [0.0; MAX_SIDE + 1];
            let mut acc = 0.0;
            // out[a] is the squared norm of the first a sentences from i:
            // |x + y|² = |x|² + 2 x·y + |y|², sentence by sentence.
            for (a, norm) in out.iter_mut().enumerate().skip(1) {
                let k = i + a - 1;
                if k >= v.len() {
                    break;
                }
                acc += dot(&v[k], &v[k]);
                for prev in i..k {
                    acc += 2.0 * dot(&v[prev], &v[k]);
                }
                *norm = acc;
            }
            out
        })
        .collect()
}

/// The best split of `c` clauses into one run for each of the sentences in order, by the
/// mean cosine of each sentence with its run: `dots[j][x]` is sentence `j` with clause `x`,
/// `norms[j]` the squared norm of sentence `j`, `runs` the inverse norms of the runs of
/// clauses ([`run_inverse_norms`]). `None` when there are fewer clauses than sentences.
fn best_clause_split(dots: &[&[f32]], norms: &[f32], c: usize, runs: &[f32]) -> Option<f32> {
    let k = dots.len();
    if c < k || c > MAX_CLAUSES {
        return None;
    }
    // best[t]: the best sum for the sentences so far over clauses 0..t.
    let mut best = [f32::NEG_INFINITY; MAX_CLAUSES + 1];
    best[0] = 0.0;
    for (j, row) in dots.iter().enumerate() {
        // Sentence j's dot products with the clauses before each one, to sum a run at once.
        let mut before = [0.0f32; MAX_CLAUSES + 1];
        for x in 0..c {
            before[x + 1] = before[x] + row[x];
        }
        let inverse = if norms[j] > 0.0 {
            norms[j].sqrt().recip()
        } else {
            0.0
        };
        // Sentence j takes clauses from..t; the sentences after it need one clause each.
        let mut next = [f32::NEG_INFINITY; MAX_CLAUSES + 1];
        for (t, slot) in next
            .iter_mut()
            .enumerate()
            .take(c - (k - 1 - j) + 1)
            .skip(j + 1)
        {
            for (from, &so_far) in best.iter().enumerate().take(t).skip(j) {
                if so_far.is_finite() {
                    let cos = (before[t] - before[from]) * inverse * runs[from * c + t - 1];
                    *slot = slot.max(so_far + cos);
                }
            }
        }
        best = next;
    }
    Some(best[c] / k as f32)
}

/// How a sentence's vector is shared out among its clauses: for each of its dimensions (in
/// its order), the weight each clause gives it. The clauses share out the sentence's words, so
/// their dimensions are the sentence's, and one pass over an English vector gives its dot
/// product with every clause at once.
struct ClauseShares<'a> {
    sentence: &'a Sparse,
    clauses: usize,
    /// `weights[e * clauses + x]`: clause `x`'s weight on the sentence's `e`-th dimension.
    weights: Vec<f32>,
}

impl<'a> ClauseShares<'a> {
    fn new(sentence: &'a Sparse, clauses: &[Sparse]) -> ClauseShares<'a> {
        let c = clauses.len();
        let mut weights = vec![0.0; sentence.len() * c];
        for (x, clause) in clauses.iter().enumerate() {
            for &(d, w) in clause {
                if let Ok(e) = sentence.binary_search_by_key(&d, |&(d, _)| d) {
                    weights[e * c + x] = w;
                }
            }
        }
        ClauseShares {
            sentence,
            clauses: c,
            weights,
        }
    }

    /// `out[x]`: the dot product of `english` with clause `x`.
    fn dots(&self, english: &Sparse, out: &mut [f32]) {
        let (a, b, c) = (self.sentence, english, self.clauses);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    for (o, w) in out.iter_mut().zip(&self.weights[i * c..(i + 1) * c]) {
                        *o += b[j].1 * w;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
    }
}

/// One over the norm of the sum of every run `a..=b` of `clauses`, at `a * C + b` (0 for a
/// run with nothing in the shared space).
fn run_inverse_norms(clauses: &[Sparse]) -> Vec<f32> {
    let c = clauses.len();
    let mut out = vec![0.0; c * c];
    for a in 0..c {
        let mut squared = 0.0;
        for b in a..c {
            squared += dot(&clauses[b], &clauses[b]);
            for x in a..b {
                squared += 2.0 * dot(&clauses[x], &clauses[b]);
            }
            if squared > 0.0 {
                out[a * c + b] = f32::sqrt(squared).recip();
            }
        }
    }
    out
}

fn prefix(v: &[f32]) -> Vec<f32> {
    let mut out = Vec::with_capacity(v.len() + 1);
    let mut acc = 0.0;
    out.push(0.0);
    for x in v {
        acc += x;
        out.push(acc);
    }
    out
}

impl<'a> Scorer<'a> {
    fn new(p: &'a Prepared, params: Params, ratio: f32, band: &Band) -> Scorer<'a> {
        let n = p.zh.len();
        let m = p.en.len();
        let mut dots = Vec::with_capacity(n);
        let mut dot_lo = Vec::with_capacity(n);
        let mut clause_dots = Vec::with_capacity(n);
        for k in 0..n {
            // Beads covering zh sentence k start at a state i in k+1-MAX_SIDE..=k and end at
            // one in k+1..=k+MAX_SIDE.
            let first = k.saturating_sub(MAX_SIDE - 1);
            let last = (k + MAX_SIDE).min(n);
            let lo = band.lo[first..=k].iter().copied().min().unwrap_or(0);
            let hi = band.hi[k + 1..=last]
                .iter()
                .copied()
                .max()
                .unwrap_or(m)
                .min(m);
            let row: Vec<f32> = (lo..hi).map(|l| dot(&p.zh[k], &p.en[l])).collect();
            // Each English sentence of the same range with each clause of this sentence. The
            // clauses share out the sentence's words, so where the sentence has nothing in
            // common with an English sentence, none of its clauses has.
            let clauses = p.zh_clauses.get(k).map_or(&[][..], Vec::as_slice);
            let mut by_clause = Vec::new();
            if params.clauses > 0.0 && !clauses.is_empty() {
                let shares = ClauseShares::new(&p.zh[k], clauses);
                by_clause = vec![0.0; row.len() * clauses.len()];
                for (r, &whole) in row.iter().enumerate() {
                    if whole > 0.0 {
                        let c = clauses.len();
                        shares.dots(&p.en[lo + r], &mut by_clause[r * c..(r + 1) * c]);
                    }
                }
            }
            dots.push(row);
            dot_lo.push(lo);
            clause_dots.push(by_clause);
        }
        let zh_norm = span_norms(&p.zh);
        let en_norm = span_norms(&p.en);
        let (zh_hub, en_hub) = if params.hubness > 0.0 {
            let single =
                |norms: &[[f32; MAX_SIDE + 1]]| norms.iter().map(|n| n[1]).collect::<Vec<_>>();
            hubness(&dots, &dot_lo, &single(&zh_norm), &single(&en_norm))
        } else {
            (vec![0.0; n], vec![0.0; m])
        };
        Scorer {
            p,
            params,
            ratio,
            dots,
            dot_lo,
            zh_norm,
            en_norm,
            zh_hub,
            en_hub,
            zh_len_prefix: prefix(&p.zh_len),
            en_len_prefix: prefix(&p.en_len),
            structured: has_structure(&p.zh_mark) && has_structure(&p.en_mark),
            clause_norms: p.zh_clauses.iter().map(|c| run_inverse_norms(c)).collect(),
            clause_dots,
        }
    }

    fn pair_dot(&self, k: usize, l: usize) -> f32 {
        let lo = self.dot_lo[k];
        if l < lo {
            return dot(&self.p.zh[k], &self.p.en[l]);
        }
        self.dots[k]
            .get(l - lo)
            .copied()
            .unwrap_or_else(|| dot(&self.p.zh[k], &self.p.en[l]))
    }

    /// How well the English sentences of a one-to-many bead each match their own run of the
    /// Chinese sentence's clauses, in order ([`best_clause_split`]). `None` for other beads,
    /// and when the Chinese sentence has fewer clauses than the bead has English sentences.
    /// Only this way round: English commas cut lists and appositions more than clauses (see
    /// `benches/README.md` for what the other way measured).
    fn clause_fit(&self, s: Bead) -> Option<f32> {
        if s.zh_len != 1 || s.en_len < 2 || self.params.clauses <= 0.0 {
            return None;
        }
        let k = s.zh_start;
        let clauses = self.p.zh_clauses.get(k).filter(|c| c.len() >= s.en_len)?;
        let c = clauses.len();
        let english = s.en_start..s.en_start + s.en_len;
        let mut norms = [0.0; MAX_SIDE];
        for (norm, l) in norms.iter_mut().zip(english.clone()) {
            *norm = self.en_norm[l][1];
        }
        let (row, lo) = (&self.clause_dots[k], self.dot_lo[k]);
        let computed: Vec<Vec<f32>>;
        let mut dots: [&[f32]; MAX_SIDE] = [&[]; MAX_SIDE];
        if english.start >= lo && (english.end - lo) * c <= row.len() {
            for (d, l) in dots.iter_mut().zip(english) {
                *d = &row[(l - lo) * c..(l - lo + 1) * c];
            }
        } else {
            // Outside the band the scorer prepared (a bead the search never reaches there).
            computed = english
                .map(|l| clauses.iter().map(|x| dot(&self.p.en[l], x)).collect())
                .collect();
            for (d, row) in dots.iter_mut().zip(&computed) {
                *d = row;
            }
        }
        let n = s.en_len;
        best_clause_split(&dots[..n], &norms[..n], c, &self.clause_norms[k])
    }

    fn similarity(&self, s: Bead) -> f32 {
        let norm = self.zh_norm[s.zh_start][s.zh_len] * self.en_norm[s.en_start][s.en_len];
        if norm <= 0.0 {
            return 0.0;
        }
        let mut sum = 0.0;
        for k in s.zh_start..s.zh_start + s.zh_len {
            for l in s.en_start..s.en_start + s.en_len {
                sum += self.pair_dot(k, l);
            }
        }
        sum / norm.sqrt()
    }

    /// The mean hubness of a bead's two sides (each side the mean of its sentences').
    fn hub(&self, s: Bead) -> f32 {
        if self.params.hubness <= 0.0 {
            return 0.0;
        }
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len().max(1) as f32;
        let zh = mean(&self.zh_hub[s.zh_start..s.zh_start + s.zh_len]);
        let en = mean(&self.en_hub[s.en_start..s.en_start + s.en_len]);
        (zh + en) / 2.0
    }

    /// Gale–Church δ: how far the English length is from the Chinese one times the ratio.
    fn delta(&self, s: Bead) -> f32 {
        let lz = self.zh_len_prefix[s.zh_start + s.zh_len] - self.zh_len_prefix[s.zh_start];
        let le = self.en_len_prefix[s.en_start + s.en_len] - self.en_len_prefix[s.en_start];
        let expected = lz * self.ratio;
        (le - expected) / (self.params.variance * (expected + le) / 2.0 + 1.0).sqrt()
    }

    fn cost(&self, s: Bead) -> (f32, f32, f32) {
        if s.zh_len == 0 || s.en_len == 0 {
            // A line with no text at all (blank, `----`) is not a sentence: leaving it out is
            // free, so it never pads a neighbour's bead.
            let lines = (s.zh_start..s.zh_start + s.zh_len)
                .filter(|&k| self.p.zh_len[k] > 0.0)
                .chain((s.en_start..s.en_start + s.en_len).filter(|&l| self.p.en_len[l] > 0.0))
                .count();
            return (self.params.skip * lines as f32, 0.0, 0.0);
        }
        // The margin weighs the cosine's evidence; the similarity a bead reports stays its
        // own.
        let whole = self.similarity(s);
        let margin = self.params.hubness * self.hub(s);
        let (sim, evidence) = match self.clause_fit(s) {
            Some(fit) => {
                let mix =
                    |cosine: f32| (1.0 - self.params.clauses) * cosine + self.params.clauses * fit;
                (mix(whole), mix(whole - margin))
            }
            None => (whole, whole - margin),
        };
        let delta = self.delta(s);
        let size = (s.zh_len + s.en_len) as f32 / 2.0;
        let cost = self.params.similarity * (1.0 - evidence) * size
            + self.params.length * delta * delta / 2.0
            + self.params.merge * (s.zh_len + s.en_len - 2) as f32
            + self.params.skip * self.empty_lines(s) as f32
            + self.structure_misfit(s);
        (cost, sim, delta)
    }

    /// Lines with no text inside a bead with both sides: they belong in beads of their own.
    fn empty_lines(&self, s: Bead) -> usize {
        if s.zh_len + s.en_len == 2 {
            return 0;
        }
        let zh = &self.p.zh_len[s.zh_start..s.zh_start + s.zh_len];
        let en = &self.p.en_len[s.en_start..s.en_start + s.en_len];
        zh.iter().chain(en).filter(|&&len| len == 0.0).count()
    }

    /// How far a bead goes against the paragraph and heading structure of both sides.
    fn structure_misfit(&self, s: Bead) -> f32 {
        if !self.structured {
            return 0.0;
        }
        let (zh, en) = (
            &self.p.zh_mark[s.zh_start..s.zh_start + s.zh_len],
            &self.p.en_mark[s.en_start..s.en_start + s.en_len],
        );
        let inner = zh[1..]
            .iter()
            .chain(&en[1..])
            .filter(|m| m.is_start())
            .count();
        let start = usize::from(zh[0].is_start() != en[0].is_start());
        let heading = usize::from((zh[0] == Mark::Heading) != (en[0] == Mark::Heading));
        self.params.structure * (inner + start + 2 * heading) as f32
    }
}

/// The English-per-Chinese length ratio of a pair: English letters per Chinese character,
/// measured on the stretch of each side that the other translates.
///
/// The totals of both files would do for a complete translation, but an English file that
/// translates one article of three would give a third of the true ratio, and every length
/// would then look wrong. So the ratio is the slope of the translation through the two
/// files: sentences whose best match on the other side is clearly better than the rest are
/// anchors; the longest chain of anchors in order on both sides is kept; and the slope of
/// English position against Chinese position (in characters) along that chain is taken as the
/// median of the slopes between near anchors (Theil–Sen), which stray anchors do not move.
pub fn length_ratio(p: &Prepared, chain: &[(usize, usize)]) -> f32 {
    let total = |v: &[f32]| v.iter().sum::<f32>();
    let (zh_total, en_total) = (total(&p.zh_len), total(&p.en_len));
    if zh_total <= 0.0 || en_total <= 0.0 {
        return 3.0;
    }
    let global = en_total / zh_total;
    if chain.len() < MIN_CHAIN {
        return global;
    }
    let zh_at = prefix(&p.zh_len);
    let en_at = prefix(&p.en_len);
    let points: Vec<(f32, f32)> = chain.iter().map(|&(i, j)| (zh_at[i], en_at[j])).collect();
    // Slopes between anchors a few apart only: across an untranslated stretch the slope is
    // wrong, and there are few such pairs among the near ones.
    let mut slopes = Vec::new();
    for (k, a) in points.iter().enumerate() {
        for b in points.iter().skip(k + 1).take(4) {
            if b.0 - a.0 > 0.0 {
                slopes.push((b.1 - a.1) / (b.0 - a.0));
            }
        }
    }
    if slopes.is_empty() {
        return global;
    }
    slopes.sort_by(f32::total_cmp);
    let median = slopes[slopes.len() / 2];
    median.clamp(global / 4.0, global * 4.0)
}

/// The longest chain of anchors increasing on both sides.
fn increasing_chain(anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Anchors come sorted by zh; a longest strictly increasing subsequence in en.
    let mut tails: Vec<usize> = Vec::new(); // index of the anchor ending a chain of each length
    let mut parent: Vec<Option<usize>> = vec![None; anchors.len()];
    for (k, &(_, j)) in anchors.iter().enumerate() {
        let len = tails.partition_point(|&t| anchors[t].1 < j);
        parent[k] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(k);
        } else {
            tails[len] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(anchors[k]);
        at = parent[k];
    }
    chain.reverse();
    chain
}

/// Pairs (zh, en) where each is the other's best match by cosine, and clearly so.
fn anchors(p: &Prepared) -> Vec<(usize, usize)> {
    let (n, m) = (p.zh.len(), p.en.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let norm = |v: &Sparse| dot(v, v).sqrt();
    let zh_norm: Vec<f32> = p.zh.iter().map(norm).collect();
    let en_norm: Vec<f32> = p.en.iter().map(norm).collect();
    let cos = |i: usize, j: usize| {
        if zh_norm[i] == 0.0 || en_norm[j] == 0.0 {
            0.0
        } else {
            dot(&p.zh[i], &p.en[j]) / (zh_norm[i] * en_norm[j])
        }
    };
    // The best of a row of cosines, if clearly better than the second.
    let clear_best = |values: &mut dyn Iterator<Item = (usize, f32)>| -> Option<usize> {
        let (mut best, mut second) = ((0, 0.0f32), 0.0f32);
        for (k, c) in values {
            if c > best.1 {
                second = best.1;
                best = (k, c);
            } else if c > second {
                second = c;
            }
        }
        (best.1 >= 0.3 && best.1 >= 1.5 * second).then_some(best.0)
    };
    // At most about 400 Chinese sentences are tried, evenly spread; an anchor is the clear
    // best English for its Chinese and the clear best Chinese for its English.
    let stride = n.div_ceil(400).max(1);
    (0..n)
        .step_by(stride)
        .filter_map(|i| {
            let j = clear_best(&mut (0..m).map(|j| (j, cos(i, j))))?;
            let back = clear_best(&mut (0..n).map(|k| (k, cos(k, j))))?;
            (back == i).then_some((i, j))
        })
        .collect()
}

/// Aligns prepared sentences.
///
/// Anchors (sentences that clearly match) give the length ratio and show which stretches of
/// each side the other translates: where two consecutive anchors are far apart on one side
/// and close on the other (an article the English leaves out, a missing tail), that stretch
/// is left unaligned, and the rest is searched window by window.
pub fn align(p: &Prepared, params: Params) -> BeadChain {
    let chain = increasing_chain(&anchors(p));
    let ratio = length_ratio(p, &chain);
    let (n, m) = (p.zh.len(), p.en.len());
    let mut path = BeadChain {
        ratio,
        ..BeadChain::default()
    };
    let (mut i, mut j) = (0, 0);
    for (zh, en) in windows(p, ratio, &chain) {
        skip_to(&mut path, &mut i, &mut j, zh.start, en.start);
        let part = search(&p.slice(zh.clone(), en.clone()), params, ratio, None);
        for (k, step) in part.beads.iter().enumerate() {
            path.beads.push(Bead {
                zh_start: step.zh_start + zh.start,
                en_start: step.en_start + en.start,
                ..*step
            });
            path.similarity.push(part.similarity[k]);
            path.delta.push(part.delta[k]);
        }
        (i, j) = (zh.end, en.end);
    }
    skip_to(&mut path, &mut i, &mut j, n, m);
    path
}

/// Leaves the sentences from (i, j) up to (to_i, to_j) unaligned.
fn skip_to(path: &mut BeadChain, i: &mut usize, j: &mut usize, to_i: usize, to_j: usize) {
    let mut unaligned = |step: Bead| {
        path.beads.push(step);
        path.similarity.push(0.0);
        path.delta.push(0.0);
    };
    for k in *i..to_i {
        unaligned(Bead {
            zh_start: k,
            en_start: *j,
            zh_len: 1,
            en_len: 0,
        });
    }
    *i = (*i).max(to_i);
    for l in *j..to_j {
        unaligned(Bead {
            zh_start: *i,
            en_start: l,
            zh_len: 0,
            en_len: 1,
        });
    }
    *j = (*j).max(to_j);
}

/// Anchors needed to trust them.
const MIN_CHAIN: usize = 3;

/// Sentences searched beyond the last anchor before an untranslated stretch.
const WINDOW_MARGIN: usize = 4;

/// The stretches of the two sides that translate each other, in order.
fn windows(
    p: &Prepared,
    ratio: f32,
    chain: &[(usize, usize)],
) -> Vec<(Range<usize>, Range<usize>)> {
    let (n, m) = (p.zh.len(), p.en.len());
    if chain.len() < MIN_CHAIN {
        return vec![(0..n, 0..m)];
    }
    let zh_at = prefix(&p.zh_len);
    let en_at = prefix(&p.en_len);
    // The gap between two states holds text on one side that the other does not translate
    // when the two lengths differ by far more than a translation's do.
    let untranslated = |(i0, j0): (usize, usize), (i1, j1): (usize, usize)| {
        if i1 < i0 || j1 < j0 {
            return false;
        }
        let zh = (zh_at[i1] - zh_at[i0]) * ratio;
        let en = en_at[j1] - en_at[j0];
        let longer_side = (i1 - i0).max(j1 - j0);
        longer_side >= 8 && zh.max(en) > 4.0 * zh.min(en) + 300.0
    };
    // Gaps run from the state after one anchor's bead to the state before the next one's.
    let after = |a: (usize, usize)| (a.0 + 1, a.1 + 1);
    // A stray anchor stands off the line of its neighbours: its offset (English position
    // less the ratio times the Chinese one, in characters) is far from both of theirs, while
    // theirs agree. The start and the end of the files are neighbours too (never removed), so
    // that a stray last anchor does not make a translated tail look untranslated.
    let offset = |(i, j): (usize, usize)| en_at[j] - ratio * zh_at[i];
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(chain.len() + 2);
    kept.push((0, 0));
    kept.extend(chain.iter().map(|&a| after(a)));
    kept.push((n, m));
    let mut k = 1;
    while k + 1 < kept.len() {
        let (prev, this, next) = (offset(kept[k - 1]), offset(kept[k]), offset(kept[k + 1]));
        let (off_prev, off_next) = ((this - prev).abs(), (this - next).abs());
        if off_prev > STRAY
            && off_next > STRAY
            && (prev - next).abs() < off_prev.min(off_next) / 2.0
        {
            kept.remove(k);
            k = k.saturating_sub(1).max(1);
        } else {
            k += 1;
        }
    }
    // Back to anchors (the states before their beads).
    let kept: Vec<(usize, usize)> = kept[1..kept.len() - 1]
        .iter()
        .map(|&(i, j)| (i - 1, j - 1))
        .collect();
    if kept.len() < MIN_CHAIN {
        return vec![(0..n, 0..m)];
    }
    // Split at untranslated gaps, but only where at least [`MIN_GROUP`] anchors stand on each
    // side (the start and end of the files count as well supported).
    let mut gaps: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let mut group_start = 0usize; // index in `kept` of the current group's first anchor
    let last = kept.len() - 1;
    if untranslated((0, 0), kept[0]) && kept.len() >= MIN_GROUP {
        gaps.push(((0, 0), kept[0]));
    }
    for k in 0..last {
        let (from, to) = (after(kept[k]), kept[k + 1]);
        let before_group = k + 1 - group_start;
        let after_group = kept[k + 1..].iter().take(MIN_GROUP).count();
        if untranslated(from, to) && before_group >= MIN_GROUP && after_group >= MIN_GROUP {
            gaps.push((from, to));
            group_start = k + 1;
        }
    }
    if untranslated(after(kept[last]), (n, m)) && last + 1 - group_start >= MIN_GROUP {
        gaps.push((after(kept[last]), (n, m)));
    }
    let mut out = Vec::new();
    let mut start = (0, 0);
    for (from, to) in gaps {
        // Close the window a little after `from`, open the next a little before `to`; on
        // the shorter side the gap is shared out at its middle.
        // At the start or the end of the files, the shorter side's few sentences go to the
        // one window there is ("Thank you." after the last anchor belongs to the speech).
        let (zh_mid, en_mid) = if to == (n, m) {
            (to.0, to.1)
        } else if from == (0, 0) {
            (0, 0)
        } else {
            ((from.0 + to.0) / 2, (from.1 + to.1) / 2)
        };
        let end = (
            (from.0 + WINDOW_MARGIN).min(zh_mid).min(to.0),
            (from.1 + WINDOW_MARGIN).min(en_mid).min(to.1),
        );
        let next = (
            to.0.saturating_sub(WINDOW_MARGIN).max(end.0),
            to.1.saturating_sub(WINDOW_MARGIN).max(end.1),
        );
        if end.0 > start.0 && end.1 > start.1 {
            out.push((start.0..end.0, start.1..end.1));
        }
        start = next;
    }
    if n > start.0 && m > start.1 {
        out.push((start.0..n, start.1..m));
    }
    out
}

/// How far (in English letters) an anchor's offset must be from both neighbours' to be a
/// stray: about four sentences.
const STRAY: f32 = 400.0;

/// Anchors that must stand together on each side of an untranslated stretch.
const MIN_GROUP: usize = 3;

/// The band around the path of a block-level alignment.
fn coarse_band(p: &Prepared, params: Params, ratio: f32) -> Band {
    let (n, m) = (p.zh.len(), p.en.len());
    let k = n.max(m).div_ceil(COARSE_BLOCKS).max(2);
    let coarse = Prepared {
        zh: blocks(&p.zh, k),
        en: blocks(&p.en, k),
        zh_len: p.zh_len.chunks(k).map(|c| c.iter().sum()).collect(),
        en_len: p.en_len.chunks(k).map(|c| c.iter().sum()).collect(),
        // Blocks of sentences have no structure of their own; the fine search applies it.
        zh_mark: vec![Mark::Within; n.div_ceil(k)],
        en_mark: vec![Mark::Within; m.div_ceil(k)],
        zh_clauses: Vec::new(),
    };
    let (cn, cm) = (coarse.zh.len(), coarse.en.len());
    let path = search(&coarse, params, ratio, Some(&Band::full(cn, cm)));
    let margin = 2 * k;
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    for s in &path.beads {
        let (zi, zj) = (s.zh_start * k, ((s.zh_start + s.zh_len) * k).min(n));
        let (ei, ej) = (s.en_start * k, ((s.en_start + s.en_len) * k).min(m));
        let (from, to) = (ei.saturating_sub(margin), (ej + margin).min(m));
        for i in zi.saturating_sub(margin)..=(zj + margin).min(n) {
            lo[i] = lo[i].min(from);
            hi[i] = hi[i].max(to);
        }
    }
    lo[0] = 0;
    hi[n] = m;
    for i in 0..=n {
        if lo[i] == usize::MAX {
            lo[i] = 0;
            hi[i] = m;
        }
    }
    Band { lo, hi }
}

fn blocks(v: &[Sparse], k: usize) -> Vec<Sparse> {
    v.chunks(k)
        .map(|chunk| {
            let mut sum: std::collections::BTreeMap<u32, f32> = std::collections::BTreeMap::new();
            for s in chunk {
                for &(d, w) in s {
                    *sum.entry(d).or_default() += w;
                }
            }
            sum.into_iter().collect()
        })
        .collect()
}

/// The cheapest path from (0, 0) to (n, m): through `band`, or through the whole table for
/// a short pair and around a block-level path for a long one.
fn search(p: &Prepared, params: Params, ratio: f32, band: Option<&Band>) -> BeadChain {
    let (n, m) = (p.zh.len(), p.en.len());
    let own;
    let band = match band {
        Some(band) => band,
        None => {
            own = if (n + 1) * (m + 1) <= FULL_CELLS {
                Band::full(n, m)
            } else {
                coarse_band(p, params, ratio)
            };
            &own
        }
    };
    let scorer = Scorer::new(p, params, ratio, band);
    // Row i holds the states (i, lo[i]..=hi[i]): cost so far and the shape that led there.
    let mut cost: Vec<Vec<f32>> = Vec::with_capacity(n + 1);
    let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    for i in 0..=n {
        let width = band.hi[i] + 1 - band.lo[i];
        cost.push(vec![f32::INFINITY; width]);
        back.push(vec![u8::MAX; width]);
    }
    if band.contains(0, 0) {
        cost[0][0 - band.lo[0]] = 0.0;
    }
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f32::INFINITY;
            let mut best_shape = u8::MAX;
            for (t, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j || !band.contains(i - a, j - b) {
                    continue;
                }
                let before = cost[i - a][j - b - band.lo[i - a]];
                if !before.is_finite() {
                    continue;
                }
                let step = Bead {
                    zh_start: i - a,
                    en_start: j - b,
                    zh_len: a,
                    en_len: b,
                };
                let total = before + scorer.cost(step).0;
                if total < best {
                    best = total;
                    best_shape = t as u8;
                }
            }
            cost[i][j - band.lo[i]] = best;
            back[i][j - band.lo[i]] = best_shape;
        }
    }
    // Walk back from the end.
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let shape = if band.contains(i, j) {
            back[i][j - band.lo[i]]
        } else {
            u8::MAX
        };
        let (a, b) = if shape == u8::MAX {
            // Unreachable (a band too narrow): leave a sentence unaligned and go on.
            if i > 0 { (1, 0) } else { (0, 1) }
        } else {
            SHAPES[shape as usize]
        };
        i -= a;
        j -= b;
        beads.push(Bead {
            zh_start: i,
            en_start: j,
            zh_len: a,
            en_len: b,
        });
    }
    beads.reverse();
    let (similarity, delta) = beads
        .iter()
        .map(|&s| {
            let (_, sim, delta) = scorer.cost(s);
            (sim, delta)
        })
        .unzip();
    BeadChain {
        ratio,
        beads,
        similarity,
        delta,
    }
}

/// Number of states a search of this pair visits (for tests and benchmarks).
pub fn cells(p: &Prepared, params: Params) -> usize {
    let chain = increasing_chain(&anchors(p));
    let ratio = length_ratio(p, &chain);
    windows(p, ratio, &chain)
        .into_iter()
        .map(|(zh, en)| {
            let part = p.slice(zh, en);
            let (n, m) = (part.zh.len(), part.en.len());
            if (n + 1) * (m + 1) <= FULL_CELLS {
                (n + 1) * (m + 1)
            } else {
                coarse_band(&part, params, ratio).cells()
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy pair: each sentence is one dimension; English splits zh 1 in two.
    fn toy() -> Prepared {
        let v = |d: u32| vec![(d, 1.0)];
        Prepared {
            zh: vec![v(0), v(1), v(2)],
            en: vec![v(0), v(1), v(1), v(2)],
            zh_len: vec![10.0, 20.0, 10.0],
            en_len: vec![30.0, 30.0, 30.0, 30.0],
            zh_mark: vec![Mark::Within; 3],
            en_mark: vec![Mark::Within; 4],
            zh_clauses: Vec::new(),
        }
    }

    #[test]
    fn english_sentences_fit_the_clauses_they_translate_in_order() {
        let v = |d: u32| vec![(d, 1.0f32)];
        let split = |english: &[Sparse], clauses: &[Sparse]| {
            let dots: Vec<Vec<f32>> = english
                .iter()
                .map(|e| clauses.iter().map(|x| dot(e, x)).collect())
                .collect();
            let dots: Vec<&[f32]> = dots.iter().map(Vec::as_slice).collect();
            let norms: Vec<f32> = english.iter().map(|e| dot(e, e)).collect();
            best_clause_split(&dots, &norms, clauses.len(), &run_inverse_norms(clauses))
        };
        // Clauses about dimensions 0, 1 and 2; English sentences about 0 and 1+2.
        let clauses = [v(0), v(1), v(2)];
        let english = [v(0), vec![(1, 1.0), (2, 1.0)]];
        let fit = split(&english, &clauses).unwrap();
        assert!((fit - 1.0).abs() < 1e-6, "{fit}");
        // The same sentences the other way round fit the clauses' order badly.
        let swapped = [english[1].clone(), english[0].clone()];
        assert!(split(&swapped, &clauses).unwrap() < 0.5);
        // More sentences than clauses: no fit.
        assert!(split(&[v(0), v(1), v(2)], &clauses[..2]).is_none());
    }

    /// Three Chinese sentences for two English ones, with nothing in the words or lengths to
    /// say which two Chinese sentences go together: the paragraphs decide.
    fn paragraphs_decide(zh_mark: [Mark; 3]) -> Vec<(usize, usize, usize, usize)> {
        let p = Prepared {
            zh: vec![Vec::new(); 3],
            en: vec![Vec::new(); 2],
            zh_len: vec![10.0; 3],
            en_len: vec![30.0; 2],
            zh_mark: zh_mark.to_vec(),
            en_mark: vec![Mark::Paragraph; 2],
            zh_clauses: Vec::new(),
        };
        let path = align(&p, Params::default());
        path.beads
            .iter()
            .map(|s| (s.zh_start, s.zh_len, s.en_start, s.en_len))
            .collect()
    }

    #[test]
    fn a_bead_keeps_to_the_paragraphs() {
        use Mark::{Paragraph as P, Within as W};
        assert_eq!(paragraphs_decide([P, W, P]), [(0, 2, 0, 1), (2, 1, 1, 1)]);
        assert_eq!(paragraphs_decide([P, P, W]), [(0, 1, 0, 1), (1, 2, 1, 1)]);
    }

    #[test]
    fn finds_the_split_sentence() {
        let p = toy();
        let path = align(&p, Params::default());
        let shapes: Vec<(usize, usize, usize, usize)> = path
            .beads
            .iter()
            .map(|s| (s.zh_start, s.zh_len, s.en_start, s.en_len))
            .collect();
        assert_eq!(shapes, [(0, 1, 0, 1), (1, 1, 1, 2), (2, 1, 3, 1)]);
        assert!(path.similarity.iter().all(|&s| s > 0.99));
    }

    #[test]
    fn the_ratio_follows_the_translated_stretch_only() {
        // zh 0..10 are translated by en 0..10 at 3 letters a character; zh 10..30 are not.
        let v = |d: u32| vec![(d, 1.0)];
        let p = Prepared {
            zh: (0..30).map(v).collect(),
            en: (0..10).map(v).collect(),
            zh_len: vec![10.0; 30],
            en_len: vec![30.0; 10],
            zh_mark: vec![Mark::Within; 30],
            en_mark: vec![Mark::Within; 10],
            zh_clauses: Vec::new(),
        };
        let path = align(&p, Params::default());
        assert!((path.ratio - 3.0).abs() < 0.01, "{}", path.ratio);
        // The search window reaches a few sentences past the last anchor, and those may
        // join its bead; the rest is left unaligned.
        let skipped = path.beads.iter().filter(|s| s.en_len == 0).count();
        assert!(skipped >= 20 - WINDOW_MARGIN, "{skipped}");
    }

    #[test]
    fn an_untranslated_middle_stretch_stays_unaligned() {
        // zh 0..10 ↔ en 0..10, zh 10..30 untranslated, zh 30..40 ↔ en 10..20.
        let v = |d: u32| vec![(d, 1.0)];
        let p = Prepared {
            zh: (0..40).map(v).collect(),
            en: (0..10).chain(30..40).map(v).collect(),
            zh_len: vec![10.0; 40],
            en_len: vec![30.0; 20],
            zh_mark: vec![Mark::Within; 40],
            en_mark: vec![Mark::Within; 20],
            zh_clauses: Vec::new(),
        };
        let path = align(&p, Params::default());
        let skipped: Vec<usize> = path
            .beads
            .iter()
            .filter(|s| s.en_len == 0)
            .map(|s| s.zh_start)
            .collect();
        assert!(skipped.len() >= 20 - 2 * WINDOW_MARGIN, "{skipped:?}");
        assert!(skipped.iter().all(|i| (10..30).contains(i)), "{skipped:?}");
        // The translated stretches are aligned one to one, but for beads at the gap's edges.
        let exact = path
            .beads
            .iter()
            .filter(|s| {
                s.zh_len == 1
                    && s.en_len == 1
                    && (s.zh_start == s.en_start || s.zh_start == s.en_start + 20)
            })
            .count();
        assert!(exact >= 18, "{:?}", path.beads);
    }

    #[test]
    fn hubness_is_the_mean_cosine_with_the_nearest_sentences() {
        assert_eq!(mean_of_nearest(vec![]), 0.0);
        let values = vec![0.1, 0.9, 0.5, 0.7, 0.3, 0.8];
        let expected = (0.9 + 0.8 + 0.7 + 0.5) / HUB_NEIGHBOURS as f32;
        assert!((mean_of_nearest(values) - expected).abs() < 1e-6);
        // Two Chinese sentences, three English ones, unit norms: dot products are cosines.
        let dots = vec![vec![0.9, 0.8, 0.7], vec![0.0, 0.1]];
        let (zh, en) = hubness(&dots, &[0, 1], &[1.0, 1.0], &[1.0, 1.0, 1.0]);
        assert!((zh[0] - 0.8).abs() < 1e-6 && (zh[1] - 0.05).abs() < 1e-6);
        assert!((en[0] - 0.9).abs() < 1e-6 && (en[1] - 0.4).abs() < 1e-6);
        assert!((en[2] - 0.4).abs() < 1e-6);
    }

    #[test]
    fn the_longest_increasing_chain_drops_stray_anchors() {
        let anchors = [(0, 0), (1, 1), (2, 9), (3, 2), (4, 3), (5, 1)];
        assert_eq!(increasing_chain(&anchors), [(0, 0), (1, 1), (3, 2), (4, 3)]);
    }

    #[test]
    fn empty_sides_are_all_skips() {
        let p = Prepared {
            zh: vec![vec![(0, 1.0)]; 3],
            zh_len: vec![5.0; 3],
            zh_mark: vec![Mark::Within; 3],
            ..Prepared::default()
        };
        let path = align(&p, Params::default());
        assert_eq!(path.beads.len(), 3);
        assert!(path.beads.iter().all(|s| s.zh_len == 1 && s.en_len == 0));
    }
}
