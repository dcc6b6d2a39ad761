//! The default content set in a compact binary form, made at build time.
//!
//! `build.rs` parses and validates `content/default.json` with
//! [`Content::parse`] (a broken default set fails the build with the
//! widget's own error) and, for the quiz build (no `flow` feature), writes
//! the part its card shows ([`Content::quiz_card_only`]) with [`pack`]; that
//! build reads it back with [`unpack`], so it carries none of the JSON
//! content decoding and checking code (about 17 KB gzip). Custom content
//! goes through [`Content::parse`], in the page and full builds.
//!
//! The form: every field in declaration order; numbers as LEB128 (an `f64`
//! as its bits), strings and lists length-first, an `Option` as 0 or 1
//! before its value. The field order is written once per type, in the
//! `packed!` table below, for both directions.

use super::*;

/// First bytes of a packed content set (and its form's version).
const MAGIC: &[u8; 4] = b"B2P1";

/// Writes `c` in the packed form.
pub fn pack(c: &Content) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    c.put(&mut out);
    out
}

/// Reads a packed content set; `None` if `bytes` is not one, in whole.
pub fn unpack(bytes: &[u8]) -> Option<Content> {
    let mut r = Reader { bytes: bytes.strip_prefix(MAGIC)? };
    let c = Content::take(&mut r)?;
    r.bytes.is_empty().then_some(c)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn num(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn bytes(&mut self, len: u64) -> Option<&[u8]> {
        let len = usize::try_from(len).ok()?;
        if len > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Some(head)
    }
}

fn put_num(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Both directions of the packed form for one type.
trait Pack: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Option<Self>;
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl Pack for $t {
            fn put(&self, out: &mut Vec<u8>) {
                put_num(out, u64::from(*self));
            }
            fn take(r: &mut Reader) -> Option<Self> {
                <$t>::try_from(r.num()?).ok()
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64);

impl Pack for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Pack for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        put_num(out, self.to_bits());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(f64::from_bits(r.num()?))
    }
}

impl Pack for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_num(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let len = r.num()?;
        std::str::from_utf8(r.bytes(len)?).ok().map(str::to_owned)
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::take(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_num(out, self.len() as u64);
        for v in self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = r.num()?;
        // Every item takes at least one byte: a bad count cannot reserve much.
        let mut v = Vec::with_capacity(usize::try_from(n).ok()?.min(r.bytes.len()));
        for _ in 0..n {
            v.push(T::take(r)?);
        }
        Some(v)
    }
}

/// `Pack` for structs, from their fields in declaration order.
macro_rules! packed {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Pack for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$f.put(out);)*
            }
            fn take(r: &mut Reader) -> Option<Self> {
                Some($t { $($f: Pack::take(r)?),* })
            }
        }
    )*};
}

packed! {
    Text { ja, en }
    Content {
        schema, version, title, tagline, intro, answer_scale, categories, checks, levels, profile, benchmarks,
        org_models, sourcing, costs, article, org_note,
    }
    ScaleChoice { id, label, credit }
    Category { id, label, weight, priority, note }
    Check { id, category, points, text, hint, action, first_for }
    ProfileMatch { field, option }
    StepFor { headcount, step }
    ActionText { title, step, step_for }
    Level { id, min_score, name, meaning }
    ProfileQuestions { revenue, headcount, dedicated_staff, budget }
    ProfileQuestion { text, hint, options }
    ProfileOption { id, label, annual_jpy }
    JpyRange { min, max }
    Source { name, year, sample, caveat }
    Benchmarks { dedicated_staff, budget, team_size, nurturing }
    BandBenchmark { statement, caption, shares, remainder_note, note, source }
    BandShare { band, percent }
    Finding { statement, points, source, check }
    OrgModel { id, headcount, label, dedicated_share, main_problem, setup, outsource, priority, coordination }
    Sourcing { keep_in_house, outsource, advice }
    SourcingItem { label, why }
    Costs { support_monthly_jpy, article_jpy, articles_per_month, defaults, basis, defaults_note, staff_note }
    CostDefault { headcount, articles_per_month, support }
}
