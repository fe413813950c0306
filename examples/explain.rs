//! Show what each stage decided on one page, for chasing a bad extraction:
//! `cargo run --release --example explain -- page.html [url]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: explain FILE [URL]");
        std::process::exit(2);
    };
    let url = args.next().unwrap_or_default();
    let html = declutter::decode::decode_html(&std::fs::read(&path).expect("readable file"));
    let dom = declutter::dom::Dom::parse(&html);
    let base = declutter::urls::page_base(&dom, &url);
    let metadata = declutter::metadata::read(&dom, base.as_ref());
    let signals = declutter::clutter::detect(&dom);
    println!("metadata: {metadata:?}");
    for s in &signals.blocks {
        println!(
            "signal {:?} <{}> {:?} excl={} chars={} — {}",
            s.kind,
            dom.tag(s.node).unwrap_or(""),
            dom.attr(s.node, "class"),
            s.exclude_from_article,
            dom.text_chars(s.node),
            s.reason
        );
    }
    let found = declutter::article::find(&dom, &signals, &metadata, &declutter::Options::default());
    match found {
        None => println!("no article"),
        Some(found) => {
            for &p in &found.parts {
                println!(
                    "part <{}> class={:?} id={:?} chars={}",
                    dom.tag(p).unwrap_or(""),
                    dom.attr(p, "class"),
                    dom.attr(p, "id"),
                    dom.text_chars(p)
                );
            }
            for &r in &found.removed {
                if dom.text_chars(r) > 0 {
                    println!(
                        "  removed <{}> class={:?} chars={} {:?}",
                        dom.tag(r).unwrap_or(""),
                        dom.attr(r, "class"),
                        dom.text_chars(r),
                        declutter::text::preview(&dom.text(r), 60)
                    );
                }
            }
            println!("kept chars {}", found.text_chars(&dom));
        }
    }
}
