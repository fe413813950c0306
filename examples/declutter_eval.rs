//! How well live declutter does what it promises, measured on the WCXB dev
//! split: never hide the article, hide the clutter whole.
//!
//! cargo run --release --example declutter_eval -- [--shared DIR] [--out FILE] [--half even|odd]
//!
//! * Article loss, on every `article` page: the share of the ground truth's
//!   word 4-grams that the planned blocks hide (they stand in hidden text and
//!   nowhere in the text left visible), per page and over all pages.
//! * Headline hidden: pages whose ground-truth title stands in the page's
//!   visible text before declutter and not after.
//! * The labelled dev set (`tests/declutter-dev/labels.tsv`: page, kind, CSS
//!   selector, reason; labelled by hand, independently of the engine): per
//!   kind, blocks hidden whole (a planned block is the element or holds it),
//!   hidden only in part (planned blocks inside it, none around it), and
//!   hidden under another kind; "keep" blocks (headline, byline, caption,
//!   code, table, opening post) touched by any planned block.
//!
//! The plan is the one the extension applies: `extract(..).clutter`, each
//! block found by its locator's element index in the same parse, less the
//! blocks the live page's applier refuses (as `refuses` in
//! `extension/content/applier.js` does).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use declutter::dom::{Dom, Kind, NodeIx};
use declutter::text::collapse_whitespace;
use declutter::{extract, ClutterBlock, Options};
use scraper::{Html, Selector};
use serde_json::Value;

mod common;
use common::read_gzip_text;

struct Args {
    shared: PathBuf,
    out: Option<PathBuf>,
    half: Option<usize>,
    /// Page ids whose planned blocks are listed with the article text each hides.
    explain: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        shared: PathBuf::from("../shared"),
        out: None,
        half: None,
        explain: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--shared" => args.shared = it.next().ok_or("--shared DIR")?.into(),
            "--explain" => args.explain.push(it.next().ok_or("--explain ID")?),
            "--out" => args.out = Some(it.next().ok_or("--out FILE")?.into()),
            "--half" => {
                args.half = match it.next().as_deref() {
                    Some("even") => Some(0),
                    Some("odd") => Some(1),
                    _ => return Err("--half even|odd".into()),
                }
            }
            _ => {
                return Err(
                    "usage: declutter_eval [--shared DIR] [--out FILE] [--half even|odd]".into(),
                )
            }
        }
    }
    Ok(args)
}

fn words(s: &str) -> Vec<String> {
    declutter::text::words(s).map(str::to_lowercase).collect()
}

fn grams(words: &[String]) -> HashSet<String> {
    words.windows(4).map(|w| w.join(" ")).collect()
}

/// The page as the live declutter leaves it.
struct Outcome {
    dom: Dom,
    /// Planned blocks found in the parse: node and block.
    planned: Vec<(NodeIx, ClutterBlock)>,
    /// Every node inside a planned block.
    hidden: Vec<bool>,
}

/// Each element of a scraper tree by its node in the engine's `Dom`. Both
/// parsers create elements call for call in the same order, so the k-th
/// element scraper made is the engine's element of creation index k, even
/// where the engine moved streamed content into place (and elements the
/// engine dropped, such as filled placeholders, match nothing).
fn node_indices(page: &Html, dom: &Dom) -> HashMap<ego_tree::NodeId, NodeIx> {
    let by_creation: HashMap<u32, NodeIx> = dom
        .elements()
        .filter_map(|ix| dom.creation_index(ix).map(|c| (c, ix)))
        .collect();
    page.tree
        .nodes()
        .filter(|node| node.value().is_element())
        .enumerate()
        .filter_map(|(k, node)| {
            let ix = *by_creation.get(&(k as u32))?;
            let name = node.value().as_element()?.name();
            assert_eq!(dom.tag(ix), Some(name), "the parses differ");
            Some((node.id(), ix))
        })
        .collect()
}

/// Planned blocks the live page's applier refuses, over the whole run.
static REFUSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn plan_outcome(html: &str, url: &str) -> Outcome {
    let x = extract(html, url, &Options::default());
    let dom = Dom::parse(html);
    let by_index: HashMap<usize, NodeIx> = dom
        .elements()
        .filter_map(|ix| dom.element_index(ix).map(|e| (e, ix)))
        .collect();
    // As the live page's applier refuses (`refuses` in
    // extension/content/applier.js): a block that holds or lies in a kept
    // element (headline, byline), that holds an article part, or that lies
    // in one and holds a text of 20 characters or more that the article's
    // text holds.
    let located = |ls: &[declutter::Locator]| -> Vec<NodeIx> {
        ls.iter()
            .filter_map(|l| by_index.get(&l.index).copied())
            .collect()
    };
    let keep = located(&x.keep);
    let parts = x.article.as_ref().map_or(Vec::new(), |a| located(&a.parts));
    let article_text = x
        .article
        .as_ref()
        .map_or(String::new(), |a| collapse_whitespace(&a.text));
    let holds_article_text = |ix: NodeIx| {
        (ix..dom.end(ix)).any(|i| {
            let text = collapse_whitespace(dom.text_node(i).unwrap_or(""));
            text.chars().count() >= 20 && article_text.contains(&text)
        })
    };
    let around = |a: NodeIx, b: NodeIx| dom.contains(a, b) || dom.contains(b, a);
    let refuses = |ix: NodeIx| {
        keep.iter().any(|&k| around(ix, k))
            || parts.iter().any(|&p| dom.contains(ix, p))
            || (parts.iter().any(|&p| dom.contains(p, ix)) && holds_article_text(ix))
    };
    let (planned, refused): (Vec<(NodeIx, ClutterBlock)>, Vec<_>) = x
        .clutter
        .into_iter()
        .filter_map(|b| by_index.get(&b.locator.index).map(|&ix| (ix, b)))
        .partition(|&(ix, ref b)| b.kind == declutter::ClutterKind::UserRule || !refuses(ix));
    REFUSED.fetch_add(refused.len(), std::sync::atomic::Ordering::Relaxed);
    let mut hidden = vec![false; dom.len()];
    for &(ix, _) in &planned {
        for h in &mut hidden[ix..dom.end(ix)] {
            *h = true;
        }
    }
    Outcome {
        dom,
        planned,
        hidden,
    }
}

/// Visible text of the page, split into what declutter leaves and what it hides.
fn texts(o: &Outcome) -> (String, String) {
    let (mut visible, mut hidden) = (String::new(), String::new());
    for ix in 0..o.dom.len() {
        let n = o.dom.node(ix);
        if n.kind != Kind::Text || n.invisible || n.hidden {
            continue;
        }
        let out = if o.hidden[ix] {
            &mut hidden
        } else {
            &mut visible
        };
        out.push_str(o.dom.text_node(ix).unwrap_or(""));
        out.push(' ');
    }
    (visible, hidden)
}

struct ArticlePage {
    id: String,
    grams: usize,
    lost: usize,
    /// Some(hidden?) when the title stands in the page's visible text.
    headline_hidden: Option<bool>,
    /// Is the page one of the labelled dev set's?
    labelled: bool,
}

fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn article_page(corpus: &Path, id: &str, gt: &Value, url: &str) -> Result<ArticlePage, String> {
    let html = read_gzip_text(&corpus.join("html").join(format!("{id}.html.gz")))?;
    let o = plan_outcome(&html, url);
    let (visible, hidden) = texts(&o);
    let (visible_words, hidden_words) = (words(&visible), words(&hidden));
    let reference = grams(&words(gt["main_content"].as_str().unwrap_or("")));
    let (visible_grams, hidden_grams) = (grams(&visible_words), grams(&hidden_words));
    let lost = reference
        .iter()
        .filter(|g| hidden_grams.contains(*g) && !visible_grams.contains(*g))
        .count();
    let title = words(gt["title"].as_str().unwrap_or(""));
    let all_words: Vec<String> = words(&format!("{visible} {hidden}"));
    let headline_hidden = (title.len() >= 2 && contains_words(&all_words, &title))
        .then(|| !contains_words(&visible_words, &title));
    Ok(ArticlePage {
        id: id.to_string(),
        grams: reference.len(),
        lost,
        headline_hidden,
        labelled: false,
    })
}

/// Each planned block of one page: kind, reason, preview, and how many of
/// the ground truth's 4-grams it alone hides.
fn explain(corpus: &Path, id: &str) {
    let gt: Value = std::fs::read_to_string(corpus.join("ground-truth").join(format!("{id}.json")))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let Ok(html) = read_gzip_text(&corpus.join("html").join(format!("{id}.html.gz"))) else {
        eprintln!("{id}: no page");
        return;
    };
    let o = plan_outcome(&html, gt["url"].as_str().unwrap_or(""));
    let (visible, _) = texts(&o);
    let visible_grams = grams(&words(&visible));
    let reference = grams(&words(
        gt["ground_truth"]["main_content"].as_str().unwrap_or(""),
    ));
    println!("{id}: title {:?}", gt["ground_truth"]["title"]);
    for (node, b) in &o.planned {
        let node = *node;
        let block_grams = grams(&words(&o.dom.text(node)));
        let lost = reference
            .iter()
            .filter(|g| block_grams.contains(*g) && !visible_grams.contains(*g))
            .count();
        println!(
            "  {:>4} lost  {:<20} {:<60} <{}> {}",
            lost,
            b.kind.as_str(),
            b.reason,
            b.locator.tag,
            b.preview.chars().take(90).collect::<String>()
        );
    }
}

struct Label {
    page: String,
    kind: String,
    selector: String,
}

fn read_labels(path: &Path) -> Vec<Label> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            Some(Label {
                page: cols.next()?.trim().to_string(),
                kind: cols.next()?.trim().to_string(),
                selector: cols.next()?.trim().to_string(),
            })
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct KindTally {
    blocks: usize,
    whole: usize,
    part: usize,
    wrong_kind: usize,
    unmatched: usize,
}

/// One labelled block against the plan.
fn judge(o: &Outcome, node: NodeIx, kind: &str, tally: &mut KindTally, misses: &mut Vec<String>) {
    let around = o
        .planned
        .iter()
        .find(|(p, _)| o.dom.contains(*p, node) || *p == node);
    let inside = o
        .planned
        .iter()
        .any(|&(p, _)| p != node && o.dom.contains(node, p));
    tally.blocks += 1;
    if kind.starts_with("keep_") {
        if around.is_some() || inside {
            tally.whole += 1; // for keep blocks: "touched"
            misses.push(format!(
                "{kind} touched by {}",
                around.map_or("a block inside it", |(_, b)| b.kind.as_str())
            ));
        }
        return;
    }
    match around {
        Some((_, b)) => {
            let k = b.kind;
            tally.whole += 1;
            if k.as_str() != kind {
                tally.wrong_kind += 1;
                misses.push(format!("{kind} hidden as {}", k.as_str()));
            }
        }
        None if inside => {
            tally.part += 1;
            misses.push(format!("{kind} hidden in part"));
        }
        None => misses.push(format!("{kind} missed")),
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let corpus = args.shared.join("corpus/wcxb-dev");
    if !args.explain.is_empty() {
        for id in &args.explain {
            explain(&corpus, id);
        }
        return;
    }
    let mut ids: Vec<String> = match std::fs::read_dir(corpus.join("ground-truth")) {
        Ok(d) => d
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".json"))
                    .map(String::from)
            })
            .collect(),
        Err(e) => {
            eprintln!("{}: {e}", corpus.display());
            std::process::exit(1);
        }
    };
    ids.sort();
    if let Some(half) = args.half {
        ids.retain(|id| id.parse::<usize>().is_ok_and(|n| n % 2 == half));
    }
    let ground: BTreeMap<String, Value> = ids
        .iter()
        .filter_map(|id| {
            let t = std::fs::read_to_string(corpus.join("ground-truth").join(format!("{id}.json")))
                .ok()?;
            Some((id.clone(), serde_json::from_str(&t).ok()?))
        })
        .collect();
    let article_ids: Vec<&String> = ground
        .iter()
        .filter(|(_, d)| d["_internal"]["page_type"]["primary"] == "article")
        .map(|(id, _)| id)
        .collect();

    // Article loss and headlines, on two threads.
    let mut pages: Vec<ArticlePage> = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|t| {
                let (article_ids, ground, corpus) = (&article_ids, &ground, &corpus);
                s.spawn(move || {
                    article_ids
                        .iter()
                        .skip(t)
                        .step_by(2)
                        .filter_map(|id| {
                            let d = &ground[*id];
                            article_page(
                                corpus,
                                id,
                                &d["ground_truth"],
                                d["url"].as_str().unwrap_or(""),
                            )
                            .map_err(|e| eprintln!("{e}"))
                            .ok()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            pages.extend(h.join().expect("a worker"));
        }
    });
    pages.sort_by(|a, b| a.id.cmp(&b.id));

    // The labelled blocks.
    let labels = read_labels(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/declutter-dev/labels.tsv"
    )));
    let mut by_page: BTreeMap<&str, Vec<&Label>> = BTreeMap::new();
    for l in labels.iter().filter(|l| ground.contains_key(&l.page)) {
        by_page.entry(&l.page).or_default().push(l);
    }
    for p in &mut pages {
        p.labelled = by_page.contains_key(p.id.as_str());
    }
    let mut tallies: BTreeMap<String, KindTally> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for (page, labels) in &by_page {
        let Ok(html) = read_gzip_text(&corpus.join("html").join(format!("{page}.html.gz"))) else {
            continue;
        };
        let url = ground[*page]["url"].as_str().unwrap_or("");
        let o = plan_outcome(&html, url);
        // The labels are CSS selectors: match them with scraper on the same
        // page's raw tree, whose elements are the engine's in creation order
        // (see `node_indices`).
        let tree = Html::parse_document(&declutter::nesting::limit(&html));
        let ids = node_indices(&tree, &o.dom);
        assert_eq!(ids.len(), o.dom.element_count(), "{page}: the trees differ");
        for l in labels {
            let tally = tallies.entry(l.kind.clone()).or_default();
            let node = Selector::parse(&l.selector).ok().and_then(|sel| {
                let found: Vec<_> = tree.select(&sel).collect();
                (found.len() == 1)
                    .then(|| ids.get(&found[0].id()).copied())
                    .flatten()
            });
            let Some(node) = node else {
                tally.unmatched += 1;
                misses.push(format!(
                    "{page} {}: selector matches no single element",
                    l.kind
                ));
                continue;
            };
            let mut page_misses = Vec::new();
            judge(&o, node, &l.kind, tally, &mut page_misses);
            // The label's selector names the block, so a miss can be looked up.
            misses.extend(
                page_misses
                    .into_iter()
                    .map(|m| format!("{page} {m} (`{}`)", l.selector)),
            );
        }
    }

    let report = render(&pages, &tallies, &misses, args.half);
    match &args.out {
        Some(path) => {
            std::fs::write(path, &report).expect("write the report");
            eprintln!("wrote {}", path.display());
        }
        None => print!("{report}"),
    }
}

/// Hidden 4-grams as a percentage of the ground truth's (0 when it has none).
fn loss_percent(lost: usize, grams: usize) -> f64 {
    if grams == 0 {
        0.0
    } else {
        100.0 * lost as f64 / grams as f64
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "–".into()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

fn render(
    pages: &[ArticlePage],
    tallies: &BTreeMap<String, KindTally>,
    misses: &[String],
    half: Option<usize>,
) -> String {
    use std::fmt::Write;
    let mut r = String::new();
    let scope = match half {
        Some(0) => " (even-numbered pages)",
        Some(_) => " (odd-numbered pages)",
        None => "",
    };
    let _ = writeln!(r, "# Live declutter on the WCXB dev split{scope}\n");
    let _ = writeln!(
        r,
        "`cargo run --release --example declutter_eval` (see the example's header for the measures).\n"
    );
    let (grams, lost): (usize, usize) = pages
        .iter()
        .fold((0, 0), |(g, l), p| (g + p.grams, l + p.lost));
    let share = |p: &ArticlePage| {
        if p.grams == 0 {
            0.0
        } else {
            p.lost as f64 / p.grams as f64
        }
    };
    let with_loss = pages.iter().filter(|p| p.lost > 0).count();
    let over_1 = pages.iter().filter(|p| share(p) > 0.01).count();
    let worst = pages.iter().max_by(|a, b| share(a).total_cmp(&share(b)));
    let titled: Vec<_> = pages
        .iter()
        .filter_map(|p| p.headline_hidden.map(|h| (p, h)))
        .collect();
    let headline_hidden: Vec<&str> = titled
        .iter()
        .filter(|(_, h)| *h)
        .map(|(p, _)| p.id.as_str())
        .collect();
    let _ = writeln!(r, "## Article pages ({})\n", pages.len());
    let _ = writeln!(r, "| measure | value |\n|---|---:|");
    let _ = writeln!(
        r,
        "| article loss over all pages (ground-truth 4-grams hidden) | {:.3}% ({lost} of {grams}) |",
        loss_percent(lost, grams)
    );
    let _ = writeln!(r, "| pages losing any article text | {with_loss} |");
    let _ = writeln!(r, "| pages losing more than 1% | {over_1} |");
    if let Some(w) = worst {
        let _ = writeln!(r, "| worst page | {} ({:.1}%) |", w.id, 100.0 * share(w));
    }
    let _ = writeln!(
        r,
        "| headline hidden (pages whose title stands in the visible page) | {} of {} |",
        headline_hidden.len(),
        titled.len()
    );
    let _ = writeln!(
        r,
        "| planned blocks the live page refuses (they hold a part, or text the reader shows), all pages | {} |",
        REFUSED.load(std::sync::atomic::Ordering::Relaxed)
    );
    // The same on the labelled dev set's article pages alone.
    let labelled: Vec<&ArticlePage> = pages.iter().filter(|p| p.labelled).collect();
    let (dev_grams, dev_lost) = labelled
        .iter()
        .fold((0, 0), |(g, l), p| (g + p.grams, l + p.lost));
    let _ = writeln!(
        r,
        "| labelled dev set ({} article pages): article loss, pages losing any, headline hidden | {:.3}%, {} pages, {} of {} |",
        labelled.len(),
        loss_percent(dev_lost, dev_grams),
        labelled.iter().filter(|p| p.lost > 0).count(),
        labelled.iter().filter(|p| p.headline_hidden == Some(true)).count(),
        labelled.iter().filter(|p| p.headline_hidden.is_some()).count(),
    );
    let mut lossy: Vec<&ArticlePage> = pages.iter().filter(|p| p.lost > 0).collect();
    lossy.sort_by(|a, b| share(b).total_cmp(&share(a)));
    if !lossy.is_empty() {
        let list: Vec<String> = lossy
            .iter()
            .take(40)
            .map(|p| format!("{} {:.2}%", p.id, 100.0 * share(p)))
            .collect();
        let _ = writeln!(r, "\nPages losing article text: {}", list.join(", "));
    }
    if !headline_hidden.is_empty() {
        let _ = writeln!(r, "\nHeadline hidden on: {}", headline_hidden.join(", "));
    }
    let _ = writeln!(
        r,
        "\n## Labelled blocks (`tests/declutter-dev/labels.tsv`)\n"
    );
    if tallies.is_empty() {
        let _ = writeln!(r, "No labels found.");
        return r;
    }
    let _ = writeln!(
        r,
        "| kind | blocks | hidden whole | recall | hidden in part | wrong kind | selector unmatched |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for (kind, t) in tallies.iter().filter(|(k, _)| !k.starts_with("keep_")) {
        let _ = writeln!(
            r,
            "| {kind} | {} | {} | {} | {} | {} | {} |",
            t.blocks,
            t.whole,
            pct(t.whole, t.blocks - t.unmatched),
            t.part,
            t.wrong_kind,
            t.unmatched
        );
    }
    let _ = writeln!(r, "\n| must keep | blocks | touched by a hidden block | selector unmatched |\n|---|---:|---:|---:|");
    for (kind, t) in tallies.iter().filter(|(k, _)| k.starts_with("keep_")) {
        let _ = writeln!(
            r,
            "| {kind} | {} | {} | {} |",
            t.blocks, t.whole, t.unmatched
        );
    }
    if !misses.is_empty() {
        let _ = writeln!(
            r,
            "\n<details><summary>Every miss ({})</summary>\n",
            misses.len()
        );
        for m in misses {
            let _ = writeln!(r, "- {m}");
        }
        let _ = writeln!(r, "\n</details>");
    }
    r
}
