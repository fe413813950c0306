//! How `extract` time grows with page size.
//!
//! ```text
//! cargo bench --bench scaling
//! ```
//!
//! Synthetic but realistic news pages of about 10 KB, 100 KB, 1 MB and 10 MB:
//! a usual skeleton (head with meta tags and JSON-LD, cookie banner, header
//! with nav, share bar, sidebar, newsletter form, comments, footer) around an
//! article body grown from paragraphs with links, subheads, lists, quotes,
//! figures and tables, with in-article clutter (ad slots, "read more" rails,
//! newsletter prompts) mixed in at fixed intervals. The text comes from a
//! fixed word list and a seeded xorshift generator, so every run builds the
//! same bytes.
//!
//! Criterion benches each size (`scaling/extract/<size>`, throughput in
//! bytes), then a summary computed here prints median time, MB/s and time per
//! byte relative to the 100 KB page: a flat column means linear growth. As a
//! control the summary also times the bare html5ever parse (through
//! `scraper`), and with `--features bench-peers` dom_smoothie on the same
//! pages, to tell the engine's own growth from the parser's and the cache's.
//!
//! A size whose single probe run takes longer than `DECLUTTER_SCALING_MAX_S`
//! seconds (default 30) is left out of Criterion (so a super-linear engine
//! cannot stall the run) and appears in the summary with its probe time.
//! `DECLUTTER_BENCH_SUMMARY=0` skips the summary.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod common;

use common::{fmt_time, is_bench_mode, load_average, median};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

const URL: &str = "https://news.example.com/2026/11/28/city-council-budget-vote";

/// Deterministic xorshift64*: no randomness crate, same page every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "council",
    "budget",
    "city",
    "residents",
    "said",
    "on",
    "a",
    "vote",
    "of",
    "plan",
    "transport",
    "housing",
    "school",
    "in",
    "and",
    "to",
    "that",
    "for",
    "with",
    "was",
    "new",
    "spending",
    "district",
    "mayor",
    "officials",
    "public",
    "meeting",
    "proposal",
    "tax",
    "would",
    "year",
    "million",
    "local",
    "services",
    "according",
    "report",
    "community",
    "after",
    "members",
    "funding",
    "infrastructure",
    "parks",
    "library",
    "water",
    "by",
    "their",
    "support",
    "opposed",
    "hearing",
    "week",
    "last",
    "could",
    "more",
    "than",
    "neighbourhood",
    "development",
    "committee",
    "review",
    "also",
    "is",
    "it",
    "as",
    "but",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(18);
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(if rng.below(9) == 0 { "?" } else { "." });
}

/// A paragraph of 3-6 sentences with an inline link or emphasis now and then.
fn paragraph(rng: &mut Rng, out: &mut String, idx: usize) {
    out.push_str("<p>");
    let n = 3 + rng.below(4);
    for s in 0..n {
        if s > 0 {
            out.push(' ');
        }
        match rng.below(6) {
            0 => {
                let _ = write!(
                    out,
                    "<a href=\"/2026/11/{:02}/story-{idx}-{s}\">",
                    1 + idx % 28
                );
                sentence(rng, out);
                out.push_str("</a>");
            }
            1 => {
                out.push_str("<em>");
                sentence(rng, out);
                out.push_str("</em>");
            }
            _ => sentence(rng, out),
        }
    }
    out.push_str("</p>\n");
}

/// One article block: mostly paragraphs, sometimes a subhead, list, quote,
/// figure or table; every few blocks a piece of in-article clutter.
fn article_block(rng: &mut Rng, out: &mut String, idx: usize) {
    match idx % 12 {
        3 => {
            out.push_str("<h2>");
            sentence(rng, out);
            out.push_str("</h2>\n");
        }
        5 => {
            out.push_str("<ul>\n");
            for _ in 0..3 + rng.below(4) {
                out.push_str("  <li>");
                sentence(rng, out);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        7 => {
            out.push_str("<blockquote><p>");
            sentence(rng, out);
            out.push(' ');
            sentence(rng, out);
            out.push_str("</p></blockquote>\n");
        }
        8 => {
            let _ = write!(
                out,
                "<figure class=\"article-image\"><img src=\"/img/2026/{idx}.jpg\" \
                 srcset=\"/img/2026/{idx}-640.jpg 640w, /img/2026/{idx}-1280.jpg 1280w\" \
                 alt=\"Photo {idx}\" width=\"1280\" height=\"720\" loading=\"lazy\">\
                 <figcaption>"
            );
            sentence(rng, out);
            out.push_str(" <span class=\"credit\">Photo: Staff</span></figcaption></figure>\n");
        }
        10 => {
            out.push_str(
                "<table class=\"data\"><thead><tr><th>Item</th><th>2025</th><th>2026</th>\
                 <th>Change</th></tr></thead><tbody>\n",
            );
            for r in 0..4 + rng.below(4) {
                let a = 10 + rng.below(900);
                let b = 10 + rng.below(900);
                let _ = writeln!(
                    out,
                    "<tr><td>{} {r}</td><td>{a}</td><td>{b}</td><td>{:+}</td></tr>",
                    WORDS[rng.below(WORDS.len())],
                    b as i64 - a as i64
                );
            }
            out.push_str("</tbody></table>\n");
        }
        _ => paragraph(rng, out, idx),
    }
    // In-article clutter, at fixed intervals.
    if idx % 16 == 15 {
        let _ = writeln!(
            out,
            "<div class=\"ad-slot ad-inline\" id=\"ad-{idx}\" data-ad-unit=\"article_{idx}\">\
             <span class=\"ad-label\">Advertisement</span><div class=\"ad-container\"></div></div>"
        );
    }
    if idx % 24 == 20 {
        out.push_str("<aside class=\"related-inline\"><h4>Read more</h4><ul>");
        for k in 0..3 {
            let _ = write!(out, "<li><a href=\"/2026/11/related-{idx}-{k}\">");
            sentence(rng, out);
            out.push_str("</a></li>");
        }
        out.push_str("</ul></aside>\n");
    }
    if idx % 40 == 30 {
        out.push_str(NEWSLETTER);
    }
}

const NEWSLETTER: &str = "<div class=\"newsletter-signup\"><h3>Get the morning briefing</h3>\
<p>Sign up for our newsletter and get the day's top stories in your inbox.</p>\
<form action=\"/newsletter/subscribe\" method=\"post\"><label for=\"nl-email\">Email address</label>\
<input type=\"email\" id=\"nl-email\" name=\"email\" placeholder=\"you@example.com\" required>\
<button type=\"submit\">Subscribe</button></form>\
<p class=\"small\">By subscribing you agree to our <a href=\"/privacy\">privacy policy</a>.</p></div>\n";

fn head() -> String {
    let mut s = String::new();
    s.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>City council passes budget after late-night vote | The Example Times</title>\n\
<meta name=\"description\" content=\"The council approved the spending plan by a narrow margin.\">\n\
<meta property=\"og:title\" content=\"City council passes budget after late-night vote\">\n\
<meta property=\"og:site_name\" content=\"The Example Times\">\n\
<meta property=\"og:image\" content=\"https://news.example.com/img/lead.jpg\">\n\
<meta name=\"author\" content=\"Jane Reporter\">\n\
<meta property=\"article:published_time\" content=\"2026-11-28T06:00:00Z\">\n\
<link rel=\"stylesheet\" href=\"/static/site.css\">\n\
<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
\"headline\":\"City council passes budget after late-night vote\",\
\"author\":{\"@type\":\"Person\",\"name\":\"Jane Reporter\"},\
\"datePublished\":\"2026-11-28T06:00:00Z\",\
\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Example Times\"}}</script>\n\
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>\n\
</head>\n<body class=\"article-page\">\n\
<div id=\"cookie-banner\" class=\"cookie-consent\" role=\"dialog\"><p>We use cookies to improve \
your experience. <a href=\"/cookies\">Learn more</a></p><button>Accept all</button>\
<button>Manage preferences</button></div>\n\
<header class=\"site-header\"><a class=\"logo\" href=\"/\"><img src=\"/static/logo.svg\" \
alt=\"The Example Times\"></a>\n<nav class=\"main-nav\"><ul>",
    );
    for section in [
        "News", "Politics", "Business", "Tech", "Science", "Sport", "Culture", "Opinion", "Travel",
        "Food", "Podcasts", "Video",
    ] {
        let _ = write!(
            s,
            "<li><a href=\"/{}\">{section}</a></li>",
            section.to_lowercase()
        );
    }
    s.push_str(
        "</ul></nav>\n<form class=\"search\" action=\"/search\"><input name=\"q\" \
placeholder=\"Search\"></form><a class=\"subscribe-btn\" href=\"/subscribe\">Subscribe</a>\
</header>\n<div class=\"ad-slot ad-leaderboard\" id=\"ad-top\"><span class=\"ad-label\">\
Advertisement</span></div>\n<main id=\"main\">\n<article class=\"story\">\n\
<header class=\"story-header\"><nav class=\"breadcrumbs\"><a href=\"/news\">News</a> &rsaquo; \
<a href=\"/news/local\">Local</a></nav>\n\
<h1 class=\"headline\">City council passes budget after late-night vote</h1>\n\
<p class=\"standfirst\">The spending plan passed by a narrow margin after hours of debate.</p>\n\
<div class=\"byline\">By <a rel=\"author\" href=\"/by/jane-reporter\">Jane Reporter</a>, \
<time datetime=\"2026-11-28T06:00:00Z\">28 November 2026</time></div>\n\
<div class=\"share-bar\"><a href=\"https://twitter.com/share\">Share on X</a> \
<a href=\"https://facebook.com/sharer\">Share on Facebook</a> <a href=\"mailto:?\">Email</a>\
</div></header>\n<div class=\"story-body\" itemprop=\"articleBody\">\n",
    );
    s
}

fn tail() -> String {
    let mut s = String::new();
    s.push_str(
        "</div>\n<div class=\"share-bar share-bottom\"><a href=\"https://twitter.com/share\">Share \
on X</a> <a href=\"https://facebook.com/sharer\">Share on Facebook</a></div>\n\
<div class=\"tags\"><a href=\"/tag/council\">council</a> <a href=\"/tag/budget\">budget</a></div>\n\
</article>\n<aside class=\"sidebar\"><section class=\"most-read\"><h3>Most read</h3><ol>",
    );
    for i in 1..=5 {
        let _ = write!(
            s,
            "<li><a href=\"/2026/11/popular-{i}\">Popular story number {i} that everyone \
             is reading today</a></li>"
        );
    }
    s.push_str("</ol></section>\n");
    s.push_str(NEWSLETTER);
    s.push_str(
        "<div class=\"ad-slot ad-sidebar\" id=\"ad-side\"><span class=\"ad-label\">Advertisement\
</span></div></aside>\n</main>\n<section id=\"comments\" class=\"comments\"><h3>Comments (42)</h3>\
<a href=\"#comments\" class=\"comment-link\">Join the conversation</a>\
<div class=\"comment\"><p>Great reporting, thanks.</p></div></section>\n\
<div class=\"app-promo\"><p>Download our app for breaking news alerts.</p>\
<a href=\"/app\">Get the app</a></div>\n\
<footer class=\"site-footer\"><nav><ul><li><a href=\"/about\">About us</a></li>\
<li><a href=\"/contact\">Contact</a></li><li><a href=\"/privacy\">Privacy</a></li>\
<li><a href=\"/terms\">Terms</a></li><li><a href=\"/careers\">Careers</a></li></ul></nav>\
<p class=\"copyright\">&copy; 2026 The Example Times. All rights reserved.</p></footer>\n\
<script src=\"/static/app.js\" defer></script>\n</body>\n</html>\n",
    );
    s
}

/// A page of at least `target` bytes (within one block of it).
fn synth_page(target: usize, seed: u64) -> String {
    let head = head();
    let tail = tail();
    let mut rng = Rng(seed | 1);
    let mut page = String::with_capacity(target + 4096);
    page.push_str(&head);
    let mut idx = 0;
    while page.len() + tail.len() < target {
        article_block(&mut rng, &mut page, idx);
        idx += 1;
    }
    page.push_str(&tail);
    page
}

struct Case {
    label: &'static str,
    html: String,
    /// Criterion sample count and measurement time; summary repetitions.
    samples: usize,
    measure: Duration,
    reps: usize,
}

fn cases() -> Vec<Case> {
    let spec: [(&str, usize, usize, u64, usize); 4] = [
        ("10KB", 10_000, 30, 5, 31),
        ("100KB", 100_000, 20, 5, 15),
        ("1MB", 1_000_000, 10, 8, 7),
        ("10MB", 10_000_000, 10, 10, 3),
    ];
    spec.iter()
        .map(|&(label, bytes, samples, secs, reps)| Case {
            label,
            html: synth_page(bytes, 0x9E37_79B9_7F4A_7C15),
            samples,
            measure: Duration::from_secs(secs),
            reps,
        })
        .collect()
}

/// One line of the summary table: median times for one page size.
struct Row {
    label: &'static str,
    bytes: usize,
    reps: usize,
    extract: Duration,
    parse: Duration,
    peer: Option<Duration>,
}

fn run(html: &str) -> declutter::Extraction {
    declutter::extract(html, URL, &declutter::Options::default())
}

fn main() {
    let max_probe = std::env::var("DECLUTTER_SCALING_MAX_S")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(30.0);
    let mut cases = cases();
    if !is_bench_mode() {
        // `cargo test --benches` (often a debug build): a quick smoke run on
        // the small pages only.
        cases.retain(|c| c.html.len() <= 200_000);
    }

    // One probe run per size: a sanity line about what the engine found, and
    // a guard against sizes too slow to sample.
    let mut probes = Vec::new();
    for case in &cases {
        let t = Instant::now();
        let out = black_box(run(black_box(&case.html)));
        let took = t.elapsed();
        let (words, found) = out
            .article
            .as_ref()
            .map_or((0, false), |a| (a.word_count, true));
        eprintln!(
            "scaling: {} = {} bytes, probe {} (article found: {found}, {words} words, {} clutter blocks)",
            case.label,
            case.html.len(),
            fmt_time(took),
            out.clutter.len()
        );
        probes.push(took);
    }

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("scaling/extract");
        for (case, probe) in cases.iter().zip(&probes) {
            if probe.as_secs_f64() > max_probe {
                eprintln!(
                    "scaling: skipping {} in Criterion (probe {} > {max_probe} s)",
                    case.label,
                    fmt_time(*probe)
                );
                continue;
            }
            let flat = case.html.len() >= 1_000_000;
            group
                .sample_size(case.samples)
                .measurement_time(case.measure)
                .sampling_mode(if flat {
                    SamplingMode::Flat
                } else {
                    SamplingMode::Auto
                })
                .throughput(Throughput::Bytes(case.html.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(case.label),
                &case.html,
                |b, html| b.iter(|| run(black_box(html))),
            );
        }
        group.finish();
    }
    criterion.final_summary();

    let want_summary = std::env::var("DECLUTTER_BENCH_SUMMARY").map_or(true, |v| v != "0");
    if !(is_bench_mode() && want_summary) {
        return;
    }

    let started = Instant::now();
    let time_median = |reps: usize, f: &dyn Fn()| {
        let mut times: Vec<Duration> = (0..reps)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        median(&mut times)
    };
    // Per size: extract, and as a control the bare html5ever parse (through
    // scraper, as the engine parses), to tell the engine's growth from the
    // parser's and the memory system's. With `--features bench-peers`,
    // dom_smoothie too.
    let mut rows = Vec::new();
    for (case, probe) in cases.iter().zip(&probes) {
        let html = case.html.as_str();
        let too_slow = probe.as_secs_f64() > max_probe;
        let reps = if too_slow { 1 } else { case.reps };
        let extract = if too_slow {
            *probe
        } else {
            time_median(reps, &|| {
                black_box(run(black_box(html)));
            })
        };
        let parse = time_median(reps, &|| {
            black_box(scraper::Html::parse_document(black_box(html)));
        });
        #[cfg(feature = "bench-peers")]
        let peer = Some(time_median(reps, &|| {
            let r = dom_smoothie::Readability::new(black_box(html), Some(URL), None)
                .and_then(|mut r| r.parse());
            black_box(r.map(|a| a.content.len()).unwrap_or(0));
        }));
        #[cfg(not(feature = "bench-peers"))]
        let peer: Option<Duration> = None;
        rows.push(Row {
            label: case.label,
            bytes: html.len(),
            reps,
            extract,
            parse,
            peer,
        });
    }
    let ns_per_byte = |bytes: usize, d: Duration| d.as_secs_f64() * 1e9 / bytes as f64;
    let base_of = |pick: &dyn Fn(&Row) -> Option<Duration>| {
        rows.iter()
            .find(|r| r.label == "100KB")
            .and_then(|r| pick(r).map(|d| ns_per_byte(r.bytes, d)))
            .unwrap_or(f64::NAN)
    };
    let base = base_of(&|r| Some(r.extract));
    let base_parse = base_of(&|r| Some(r.parse));
    let base_peer = base_of(&|r| r.peer);

    println!();
    println!("## Scaling benchmark summary (outside Criterion)");
    println!();
    println!(
        "Synthetic article pages, `declutter::extract`, median of the given runs. \
         Control: the bare html5ever parse (`scraper::Html::parse_document`)."
    );
    println!();
    let peer_head = if cfg!(feature = "bench-peers") {
        (" dom_smoothie | its per byte vs 100 KB |", "---:|---:|")
    } else {
        ("", "")
    };
    println!(
        "| page | bytes | runs | extract | MB/s | ns/byte | per byte vs 100 KB | parse only | parse per byte vs 100 KB |{}",
        peer_head.0
    );
    println!(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|{}",
        peer_head.1
    );
    for Row {
        label,
        bytes,
        reps,
        extract: time,
        parse,
        peer,
    } in &rows
    {
        let npb = ns_per_byte(*bytes, *time);
        let peer_cols = peer.map_or(String::new(), |p| {
            format!(
                " {} | {:.2}x |",
                fmt_time(p),
                ns_per_byte(*bytes, p) / base_peer
            )
        });
        println!(
            "| {label} | {bytes} | {reps} | {} | {:.1} | {:.1} | {:.2}x | {} | {:.2}x |{peer_cols}",
            fmt_time(*time),
            *bytes as f64 / 1e6 / time.as_secs_f64(),
            npb,
            npb / base,
            fmt_time(*parse),
            ns_per_byte(*bytes, *parse) / base_parse,
        );
    }
    println!();
    println!("A \"per byte vs 100 KB\" column near 1.00x at every size means time grows linearly with bytes.");
    println!(
        "(summary took {:.1} s; {} {}, {} cores available, {} at the end)",
        started.elapsed().as_secs_f64(),
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
}
