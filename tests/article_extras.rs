//! Nothing else in the article: ad labels and "continues below" markers,
//! prompts to rate or share the piece, and the author's bio box stay out
//! of the reader, in whatever
//! markup a page prints them. Small hand-written pages, one per class.

use declutter::{extract, Options};

fn article_text(body: &str) -> String {
    page_text(&format!(
        "<html><head><title>The orchard year</title></head><body><main><article>\
         <h1>The orchard year</h1>{body}</article></main></body></html>"
    ))
}

/// The reader's text of a whole page.
fn page_text(html: &str) -> String {
    extract(html, "https://example.org/orchard", &Options::default())
        .article
        .map(|a| a.text)
        .unwrap_or_default()
}

/// A paragraph of running prose, long enough to score as the article.
fn para(n: usize) -> String {
    format!(
        "<p>Note {n} from the orchard: the apples came late this year, after a cold spring, a \
         wet June and a dry, bright August, and the pickers, who had waited for weeks, worked \
         from first light until the ladders threw long shadows across the grass.</p>"
    )
}

fn paras(from: usize, to: usize) -> String {
    (from..=to).map(para).collect()
}

fn assert_out(text: &str, junk: &str) {
    assert!(
        !text.to_lowercase().contains(&junk.to_lowercase()),
        "{junk:?} kept in {text:?}"
    );
    assert!(
        text.contains("Note 1 from the orchard"),
        "article lost: {text:?}"
    );
    assert!(
        text.contains("Note 6 from the orchard"),
        "article cut: {text:?}"
    );
}

#[test]
fn ad_labels_and_continue_markers_stay_out() {
    for label in [
        "<div class=slot-label><small>ADVERTISEMENT</small></div>",
        "<p class=x7f>Advertisement - Page continues below</p>",
        "<aside><span>Story continues below</span></aside>",
        "<div><em>Anzeige</em></div>",
    ] {
        let text = article_text(&format!("{}{label}{}", paras(1, 3), paras(4, 6)));
        let junk = label
            .split('>')
            .find_map(|s| s.split('<').next().filter(|t| !t.trim().is_empty()))
            .unwrap_or("");
        assert_out(&text, junk);
    }
}

#[test]
fn prompts_to_rate_or_share_stay_out() {
    for (prompt, junk) in [
        (
            "<div class=feedback><h4>Did you enjoy this article?</h4><button>Yes</button><button>No</button></div>",
            "enjoy this article",
        ),
        (
            "<section><p>Was this page helpful? <a href=#up>👍</a> <a href=#down>👎</a></p></section>",
            "page helpful",
        ),
        (
            "<div class=bottom><strong>Like this story? Share it with a friend.</strong></div>",
            "like this story",
        ),
    ] {
        let text = article_text(&format!("{}{prompt}", paras(1, 6)));
        assert_out(&text, junk);
    }
}

#[test]
fn the_author_bio_box_stays_out() {
    for bio in [
        "<section class=\"mt-8 p-4 border\"><h3>About the Author</h3><div><p>Maya Lindqvist has \
         grown apples in the valley for twenty years and writes about farming.</p></div></section>",
        "<div class=c-box><p><b>About the writer:</b></p><p>Maya Lindqvist has grown apples in \
         the valley for twenty years and writes about farming.</p></div>",
    ] {
        let text = article_text(&format!("{}{bio}", paras(1, 6)));
        assert_out(&text, "grown apples in the valley");
    }
}

#[test]
fn prose_that_merely_mentions_them_stays() {
    let body = format!(
        "{}<p>About the author of the old orchard book, little is known, except that she \
         pruned every tree herself.</p><p>Advertisement of the harvest fair, the growers said, \
         brought twice the visitors.</p>{}",
        paras(1, 3),
        paras(4, 6)
    );
    let text = article_text(&body);
    assert!(
        text.contains("About the author of the old orchard book"),
        "{text}"
    );
    assert!(text.contains("Advertisement of the harvest fair"), "{text}");
}

#[test]
fn a_headline_worded_a_little_differently_from_the_title_is_not_repeated() {
    // The metadata title and the visible headline differ by a word or two;
    // the headline is still the title, shown above the body, not in it.
    let html = format!(
        "<html><head><title>Apples come late to the valley orchards this year | Valley Post</title>\
         <meta property=og:title content='Apples come late to the valley orchards this year'>\
         </head><body><main><article><h1>Apples come late to valley orchards this year</h1>{}\
         </article></main></body></html>",
        paras(1, 6)
    );
    let text = page_text(&html);
    assert!(
        !text.contains("Apples come late"),
        "headline repeated: {text:?}"
    );
    assert!(text.contains("Note 6 from the orchard"), "{text:?}");
}

#[test]
fn teaser_lines_to_other_stories_stay_out() {
    // A label, a colon and one link to another piece, in a paragraph, a
    // div or with the label inside the link; the article runs on past it.
    for (teaser, junk) in [
        (
            "<p><strong>Related:</strong> <a href=/cider>Cider makers brace for a thin season</a></p>",
            "Cider makers brace",
        ),
        (
            "<div class=inline-link>Read more: <a href=/frost>How the late frost hit the valley</a></div>",
            "How the late frost",
        ),
        (
            "<p><a href=/bees><span>See also: Where the bees went this spring</span></a></p>",
            "Where the bees went",
        ),
        (
            "<p><em>Lesen Sie auch:</em> <a href=/ernte>Die Ernte im Alten Land</a></p>",
            "Die Ernte im Alten Land",
        ),
    ] {
        let text = article_text(&format!("{}{teaser}{}", paras(1, 3), paras(4, 6)));
        assert_out(&text, junk);
    }
}

#[test]
fn a_sentence_with_a_label_and_a_link_in_it_stays() {
    // Prose that starts like a label but goes on in words of its own.
    let body = format!(
        "{}<p>More: the growers want a second press, and <a href=/press>the co-op's plan</a> \
         says they will have one by the autumn after next.</p>{}",
        paras(1, 3),
        paras(4, 6)
    );
    let text = article_text(&body);
    assert!(text.contains("the growers want a second press"), "{text}");
}

#[test]
fn links_to_other_pieces_under_a_label_saying_so_stay_out() {
    // A label (a paragraph, a heading, a bold line) and the list or block
    // of links under it, at the end or between the article's paragraphs.
    for (block, junk) in [
        (
            "<p>If you liked this piece you might also like:</p><ul>\
             <li><a href=/a>Pruning in the rain</a></li><li><a href=/b>The cider press</a></li></ul>",
            "Pruning in the rain",
        ),
        (
            "<h4>More on grafting:</h4><ol><li><a href=/c>Whip and tongue, step by step</a></li>\
             <li><a href=/d>Rootstocks for small gardens</a></li><li><a href=/e>When grafts fail</a></li></ol>",
            "Rootstocks for small gardens",
        ),
        (
            "<div><b>Related stories</b></div><div class=links><a href=/f>Frost nights in May</a> \
             <a href=/g>A hive in every orchard</a></div>",
            "A hive in every orchard",
        ),
    ] {
        let text = article_text(&format!("{}{block}{}", paras(1, 3), paras(4, 6)));
        assert_out(&text, junk);
    }
}

#[test]
fn a_list_of_links_the_text_introduces_stays() {
    // A list of sources under words of the article's own is the article.
    let body = format!(
        "{}<p>The growers named three studies:</p><ul><li><a href=/s1>Soil and yield, 2019</a></li>\
         <li><a href=/s2>Late frost and bloom, 2021</a></li></ul>{}",
        paras(1, 3),
        paras(4, 6)
    );
    let text = article_text(&body);
    assert!(text.contains("Late frost and bloom, 2021"), "{text}");
}

#[test]
fn a_bio_printed_loose_after_the_body_stays_out() {
    // The heading and the bio are siblings of the article's paragraphs,
    // with no box of their own around them.
    for bio in [
        "<h4>About the Contributor</h4><p>Maya Lindqvist has grown apples in the valley for \
         twenty years and writes about farming.</p>",
        "<p><strong>About the author:</strong></p><p>Maya Lindqvist has grown apples in the \
         valley for twenty years.</p><p>Her book on pruning came out in spring.</p>",
    ] {
        let text = article_text(&format!("{}{bio}", paras(1, 6)));
        assert_out(&text, "grown apples in the valley");
    }
}

#[test]
fn a_page_about_the_author_that_goes_on_stays() {
    // Under the same heading, a long text is a page of its own.
    let body = format!("<h2>About the author</h2>{}", paras(1, 8));
    let text = article_text(&body);
    assert!(text.contains("Note 8 from the orchard"), "{text}");
}

#[test]
fn newsletter_pitches_inside_the_article_stay_out() {
    // A line or two naming a newsletter and asking to sign up, with a link
    // or a button, a heading over a pitch, or a short bare label.
    for (pitch, junk) in [
        (
            "<p>Love orchards? Our weekly Grower's Letter newsletter brings the season to your \
             inbox. <a href=/join>Sign up now</a> and never miss a harvest.</p>",
            "Grower's Letter",
        ),
        (
            "<div class=box-3><h3>Subscribe to the Orchard Notes newsletter</h3>\
             <p>Every Friday, one page.</p><button>Join</button></div>",
            "Orchard Notes",
        ),
        (
            "<p><em>Get our harvest newsletter</em></p>",
            "harvest newsletter",
        ),
        (
            "<p>Get the latest field notes delivered to your inbox. <a href=/notes>Go</a></p>",
            "latest field notes",
        ),
        // A form service's script puts the sign-up form in later.
        (
            "<div class=card><div class=inner><h2>Join Our Grower's Circle Newsletter</h2>\
             <div class=spacer></div><p>Get the latest guides, pruning calendars and field \
             notes delivered to your inbox.</p><div class=embed><style>.f{height:4px}</style>\
             <script>forms.create({id: 'x'})</script></div></div></div>",
            "pruning calendars",
        ),
    ] {
        let text = article_text(&format!("{}{pitch}{}", paras(1, 3), paras(4, 6)));
        assert_out(&text, junk);
    }
}

#[test]
fn prose_about_a_newsletter_stays() {
    // Running text about newsletters: longer, or asking nothing of the reader.
    let body = format!(
        "{}<p>The co-op's newsletter, which <a href=/history>began as a single sheet</a> \
         pinned to the packing-house door, now reaches every grower who joined since the \
         merger, and its editor still types the apple prices by hand each week before the \
         market opens, as her father did for thirty years before her.</p>{}",
        paras(1, 3),
        paras(4, 6)
    );
    let text = article_text(&body);
    assert!(text.contains("began as a single sheet"), "{text}");
}

#[test]
fn a_table_of_contents_heading_left_alone_stays_out() {
    // The in-page links go with the page's navigation; their heading,
    // a sibling of the paragraphs, must not stand alone in the reader.
    for heading in [
        "<h2>Table of Contents</h2><nav><ol><li><a href=#a>Bloom</a></li><li><a href=#b>Harvest</a></li></ol></nav>",
        "<p class=toc-title><strong>On this page</strong></p><nav><a href=#a>Bloom</a> <a href=#b>Harvest</a></nav>",
    ] {
        let text = article_text(&format!("{}{heading}{}", paras(1, 3), paras(4, 6)));
        for junk in ["Table of Contents", "On this page"] {
            assert!(!text.contains(junk), "{junk:?} kept in {text:?}");
        }
        assert!(text.contains("Note 6 from the orchard"), "{text}");
    }
}

#[test]
fn prompts_to_follow_or_share_stay_out() {
    for (prompt, junk) in [
        (
            "<p><b>Follow us on Instagram, TikTok and YouTube</b></p>",
            "Follow us on Instagram",
        ),
        (
            "<div class=s1><a href=/pin>Share on Pinterest</a></div>",
            "Share on Pinterest",
        ),
        ("<h5>Share</h5>", "Share"),
        (
            "<p>If you enjoyed these notes, share them with a friend who keeps trees.</p>",
            "share them with a friend",
        ),
    ] {
        let text = article_text(&format!("{}{prompt}{}", paras(1, 3), paras(4, 6)));
        assert_out(&text, junk);
    }
}

#[test]
fn prose_that_follows_or_shares_stays() {
    let body = format!(
        "{}<p>Follow the river north and the orchards give way to birch.</p>\
         <p>Share the windfalls, the old growers say.</p>{}",
        paras(1, 3),
        paras(4, 6)
    );
    let text = article_text(&body);
    assert!(text.contains("Follow the river north"), "{text}");
    assert!(text.contains("Share the windfalls"), "{text}");
}

#[test]
fn a_copyright_line_closing_the_story_stays_out() {
    let text = article_text(&format!(
        "{}<div class=\"story-end\">Copyright © 2026 Orchard Weekly. All Rights Reserved.</div>",
        paras(1, 6)
    ));
    assert_out(&text, "All Rights Reserved");
    assert!(
        text.contains("Note 6 from the orchard"),
        "last paragraph lost: {text:?}"
    );
}

#[test]
fn a_copyright_credit_inside_the_story_stays() {
    // A notice with story after it may be a credit the story gives.
    let text = article_text(&format!(
        "{}<div class=\"credit\">Copyright © 1911 The Orchard Society. All rights reserved.</div>{}",
        paras(1, 3),
        paras(4, 6)
    ));
    assert!(
        text.contains("All rights reserved"),
        "credit dropped: {text:?}"
    );
    assert!(
        text.contains("Note 6 from the orchard"),
        "article lost: {text:?}"
    );
}

#[test]
fn an_unfilled_template_slot_stays_out() {
    let text = article_text(&format!(
        "{}<p>[CTA_MODULE]</p>{}",
        paras(1, 3),
        paras(4, 6)
    ));
    assert_out(&text, "CTA_MODULE");
}

#[test]
fn bracketed_references_stay() {
    // A citation and a wiki's section link are the text's, not a slot.
    let text = article_text(&format!(
        "{}<p>See the alarm study <a href=#hol>[Hol14]</a> for another context, and the \
         history below for how the orchard changed hands twice in one hundred years.</p>\
         <h2>History <span>[<a href=/edit>edit</a>]</span></h2>{}",
        paras(1, 3),
        paras(4, 6)
    ));
    assert!(text.contains("[Hol14]"), "citation dropped: {text:?}");
    assert!(text.contains("[edit]"), "section link dropped: {text:?}");
}

#[test]
fn icon_font_names_are_no_words_but_ticks_stay_ticks() {
    // An icon font draws its icons from ligatures: the element's text is the
    // icon's name. Without the font the reader would print "chevron_right"
    // and "open_in_new" as words; a comparison table's ticks and crosses carry
    // meaning and become symbols. A container that misuses the class keeps
    // its text.
    let body = format!(
        "{}<h2>Which hose <i class=\"material-icons\">chevron_right</i></h2>\
         <p>See the sizes <span class=\"material-symbols-outlined\">open_in_new</span> \
         before buying.</p>\
         <table><tr><th>Hose</th><th>Kink-free</th></tr>\
         <tr><td>Garden Pro</td><td><i class=\"material-icons\">check</i></td></tr>\
         <tr><td>Budget</td><td><i class=\"material-icons md-18\">close</i></td></tr></table>\
         <div class=\"material-icons-demo\"><p>The pickers rested at noon in the shade.</p></div>{}",
        paras(1, 4),
        paras(5, 6)
    );
    let text = article_text(&body);
    assert_out(&text, "chevron_right");
    assert_out(&text, "open_in_new");
    assert!(text.contains("See the sizes"), "{text:?}");
    assert!(text.contains("Garden Pro | ✓"), "{text:?}");
    assert!(text.contains("Budget | ✗"), "{text:?}");
    assert!(text.contains("The pickers rested at noon"), "{text:?}");
}

/// Another story's card: a linked title, a desk name and the story's
/// opening lines, in the same post markup as the story.
fn teaser_card(n: usize) -> String {
    format!(
        "<article class=post id=post-{n}><div class=content><div class=title>\
         <a href=/story-{n}>Harbour story {n}</a></div><div class=author>News desk</div>\
         <div class=body><p>Teaser {n}: the ferry, which was late again on Tuesday, left the \
         quay with half its cars, and the crew, tired of waiting, said so.</p></div></div>\
         </article>"
    )
}

#[test]
fn other_stories_cards_after_the_story_stay_out() {
    // The story and a run of other stories' cards sit in one column, in
    // the same post markup (`class=post`, `id=post-N`): the cards score
    // near the story by their names alone, yet they are no parts of it.
    let cards: String = (1..=5).map(teaser_card).collect();
    let html = format!(
        "<html><head><title>The orchard year</title></head><body><div class=column>\
         <section class=slot><article class=post id=post-100><h1>The orchard year</h1>\
         <div class=body><div><div>{}</div></div><div><div>{}</div></div></div></article>\
         </section><div class=label>Elsewhere today</div><section class=slot>{cards}</section>\
         </div></body></html>",
        paras(1, 3),
        paras(4, 6)
    );
    let text = page_text(&html);
    assert_out(&text, "Teaser 1");
    assert_out(&text, "Harbour story");
}

#[test]
fn a_list_of_other_stories_with_excerpts_after_the_story_stays_out() {
    // Cards with a linked title and an excerpt each, after the story in
    // the same container: together they hold more running text than the
    // story, which is no reason to take them in.
    let card = |n: usize| {
        format!(
            "<div class=item><div class=copy><h3><a href=/travel-{n}>Travel story {n}</a></h3>\
             <p>Excerpt {n}: the coast road, which had been closed since the landslide in \
             March, opened again this week, and the villages along it, cut off for months, \
             are counting on a long, busy summer of visitors, buses and boats.</p></div></div>"
        )
    };
    let cards: String = (1..=10).map(card).collect();
    let html = format!(
        "<html><head><title>The orchard year</title></head><body><div id=content>\
         <div class=story><h1>The orchard year</h1><div class=text>{}</div></div>\
         <div class=list>{cards}</div></div></body></html>",
        paras(1, 6)
    );
    let text = page_text(&html);
    assert_out(&text, "Excerpt 1");
    assert_out(&text, "Travel story");
}
