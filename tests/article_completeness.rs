//! The reader shows the whole article: an article interrupted by a figure,
//! a video, an embed, an ad slot or a teaser continues after it, and its
//! intro and section headings stay. Small hand-written pages, each built
//! around one way a page splits its text.

use declutter::{extract, Options};

fn article_text(html: &str) -> String {
    extract(html, "https://example.org/story", &Options::default())
        .article
        .map(|a| a.text)
        .unwrap_or_default()
}

/// A paragraph of running text with a topic word, long enough and with
/// enough commas to score like real prose.
fn para(topic: &str, n: usize) -> String {
    format!(
        "<p>Paragraph {n} on the {topic}: the harbour board met again on Monday, and after \
         hours of questions, objections and answers, it agreed to widen the channel, deepen \
         the berths and rebuild the old sea wall, which has stood, patched and leaning, since \
         the storm of the winter before last.</p>"
    )
}

fn paras(topic: &str, count: usize) -> String {
    (1..=count).map(|n| para(topic, n)).collect()
}

fn assert_has(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} missing from {text:?}");
}

#[test]
fn an_intro_in_its_own_wrapper_stays_with_the_body() {
    // The lede sits in a wrapper of its own before the body, one paragraph
    // that scores little next to the long body.
    let html = format!(
        "<html><body><header><a href=/>Harbour Post</a></header><main>\
         <h1>Channel to be widened</h1>\
         <div class=standfirst><p>The harbour will be rebuilt over four years, the board \
         decided, at a cost that has already doubled since the plan was first drawn.</p></div>\
         <div class=story-text>{}</div></main></body></html>",
        paras("works", 9)
    );
    let text = article_text(&html);
    assert_has(&text, "rebuilt over four years");
    assert_has(&text, "Paragraph 9 on the works");
}

#[test]
fn the_article_continues_after_a_figure_a_video_and_an_ad_slot() {
    // Body, figure, a short section of one paragraph, a video and an ad
    // slot, then more body: the short section scores little next to the
    // two long blocks around it, yet the article runs through it.
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>\
         <section class=part>{}</section>\
         <figure><img src=/wall.jpg alt=''><figcaption>The old sea wall.</figcaption></figure>\
         <h2>What the works will cost</h2>\
         <div class=block><p>The bill has doubled since the first plan, the treasurer said.</p></div>\
         <div class=player><iframe src='https://video.example/embed/7'></iframe></div>\
         <div class=ad-slot></div>\
         <section class=part>{}</section>\
         </article><footer><a href=/about>About us</a></footer></body></html>",
        paras("works", 8),
        paras("cost", 4)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 8 on the works");
    assert_has(&text, "What the works will cost");
    assert_has(&text, "The bill has doubled");
    assert_has(&text, "Paragraph 4 on the cost");
    assert!(!text.contains("About us"), "{text:?}");
}

#[test]
fn a_block_of_links_beside_the_article_stays_out() {
    // The other side of the rule: a sibling that is a list of links, or a
    // short teaser, is no part of the article.
    let teasers: String = (1..=4)
        .map(|i| format!("<li><a href=/s{i}>Another harbour story, number {i}</a></li>"))
        .collect();
    let html = format!(
        "<html><body><div id=page><div class=body>{}</div>\
         <div class=more><ul>{teasers}</ul></div></div></body></html>",
        paras("works", 8)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 8 on the works");
    assert!(!text.contains("Another harbour story"), "{text:?}");
}

#[test]
fn a_box_that_clips_its_overflow_is_no_hidden_furniture() {
    // Utility classes such as `overflow-hidden` say how a box is drawn; the
    // paragraphs in it are the article's own.
    let html = format!(
        "<html><body><div class=story><h1>Channel to be widened</h1>{}\
         <div class='rounded-lg overflow-hidden shadow'><p>Inside the rounded box, the board \
         listed the costs, item by item, with the dates, the contractors and the sums.</p>\
         <p>The sums were large, the members said, but the wall could not wait another winter.</p>\
         </div>{}</div></body></html>",
        paras("works", 4),
        paras("cost", 4)
    );
    let text = article_text(&html);
    assert_has(&text, "Inside the rounded box");
    assert_has(&text, "could not wait another winter");
    assert_has(&text, "Paragraph 4 on the cost");
}

#[test]
fn sections_in_page_builder_widgets_and_scroll_boxes_stay() {
    // Page builders wrap a text section in a "widget" box, and a wide
    // table in a "scrollable" one: names of how the page is built, not of
    // furniture. The sections are judged by what they hold.
    let html = format!(
        "<html><body><div class=story><h1>Channel to be widened</h1>{}\
         <div class='pb-widget pb-widget--prose'><h2>How the board chose</h2>\
         <p>The board chose the eastern route, the chair said, because it spares the old \
         quay, keeps the ferry running through the works and costs less to dredge.</p>\
         <p>Two members voted against it, arguing that the western route, though dearer, \
         would serve the fishing fleet better for the next fifty years.</p></div>\
         <div class=table-scroll-wrapper><p>The fees, the clerk explained, are set out berth \
         by berth, with the summer rate, the winter rate and the deposit.</p>\
         <table><tr><td>Berth</td><td>Rate</td></tr><tr><td>A1</td><td>40</td></tr></table>\
         </div>{}</div></body></html>",
        paras("works", 6),
        paras("cost", 3)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 6 on the works");
    assert_has(&text, "How the board chose");
    assert_has(&text, "spares the old quay");
    assert_has(&text, "serve the fishing fleet");
    assert_has(&text, "The fees, the clerk explained");
    assert_has(&text, "Paragraph 3 on the cost");
}

#[test]
fn a_disclosure_under_the_headline_is_no_intro() {
    // A wrapper of running text between the headline and the body, but a
    // legal notice: the intro walk passes it by.
    let html = format!(
        "<html><body><header><a href=/>Harbour Post</a></header><main>\
         <h1>Channel to be widened</h1>\
         <div class=note><p>Harbour Post is supported by its readers: when you buy through links \
         on our site we may earn a commission, which never changes what we write or recommend \
         to you.</p></div>\
         <div class=standfirst><p>The harbour will be rebuilt over four years, the board \
         decided, at a cost that has already doubled since the plan was first drawn.</p></div>\
         <div class=story-text>{}</div></main></body></html>",
        paras("works", 9)
    );
    let text = article_text(&html);
    assert_has(&text, "rebuilt over four years");
    assert!(
        !text.contains("earn a commission"),
        "the disclosure joined the article: {text:?}"
    );
}

#[test]
fn the_intro_in_a_section_beside_the_wrapper_the_body_fills_stays() {
    // A page builder gives each section its own row > column > text box:
    // the body fills one row, the intro (and its first heading) sits in
    // the row before, two wrappers above the candidate. A site banner above
    // the headline, built the same way, stays out.
    let html = format!(
        "<html><body><div id=page>\
         <div class=row><div class=col><div class=text-box><p>This site uses cookies, \
         and by reading on you agree that we store them on your device for a year.</p></div></div></div>\
         <div class=title-row><h1>Channel to be widened</h1></div>\
         <div class=row><div class=col><div class=text-box>\
         <p>The harbour will be rebuilt over four years, the board decided on Monday, \
         at a cost that has already doubled since the plan was first drawn up.</p>\
         <h2>Why the channel matters</h2>\
         <p>Ships twice the size of the old ferries now call each week, and the pilots \
         say the bend by the lighthouse is the hardest in the region.</p>\
         </div></div></div>\
         <div class=row><div class=col><div class=text-box>{}</div>\
         <div class=button-box><a class=btn href=/subscribe>Subscribe</a></div></div></div>\
         </div><footer><a href=/about>About us</a></footer></body></html>",
        paras("works", 9)
    );
    let text = article_text(&html);
    assert_has(&text, "rebuilt over four years");
    assert_has(&text, "Why the channel matters");
    assert_has(&text, "Paragraph 9 on the works");
    assert!(!text.contains("uses cookies"), "{text:?}");
}

#[test]
fn section_headings_named_header_stay() {
    // Headings whose class says "header" of themselves, each with a
    // self-link button: they head the article's sections, they are no
    // page header. The page's own header (a block named so) stays out.
    let html = format!(
        "<html><body><div class=page-header><a href=/>Harbour Post</a> <a href=/news>News</a></div>\
         <div class=post-wrap><h1>Channel to be widened</h1><div class=entry>{}\
         <h3 class='section-header has-anchor'>What the works will cost\
         <span class=anchor-box><button type=button aria-label=Link>#</button></span></h3>{}\
         <h4 class=subheader id=timeline-header>When the berths reopen</h4>{}</div></div>\
         <footer><a href=/about>About us</a></footer></body></html>",
        paras("works", 4),
        paras("cost", 3),
        paras("berths", 3)
    );
    let text = article_text(&html);
    assert_has(&text, "What the works will cost");
    assert_has(&text, "When the berths reopen");
    assert_has(&text, "Paragraph 3 on the berths");
    assert!(!text.contains("Harbour Post"), "{text:?}");
}

#[test]
fn cards_of_a_roundup_in_widget_boxes_stay() {
    // A "best of" roundup: each pick is a card in a box named for the
    // component that draws it ("pick-widget"), one after the other. The
    // cards are the article; their names say how they are built. (The
    // intro is long enough for the first, strictest attempt to stand.)
    let card = |n: usize, name: &str| {
        format!(
            "<div class='pick-widget pick-widget--large'><div class=pick-widget__label>Best {name}</div>\
             <div class=pick-widget__title>The {name} model {n}</div><div class=pick-widget__body>\
             <p>We tested the {name} for six weeks in a busy kitchen, and it washed, dried and \
             stored everything we gave it, quietly, with no streaks, no leaks and no fuss.</p>\
             <p>Its only fault, after all that, is the price, which is high for a {name}.</p>\
             <p><a href=/review/{n}>Read the full review</a></p></div></div>"
        )
    };
    let html = format!(
        "<html><body><div class=page><h1>The best appliances of the year</h1>\
         <div class=feature-body><p>Buying a large appliance is a chore, so we did the \
         testing for you, week after week, in real kitchens with real families.</p>{}{}{}{}{}</div>\
         </div></body></html>",
        paras("testing", 3),
        card(1, "dishwasher"),
        card(2, "fridge"),
        card(3, "oven"),
        card(4, "washer")
    );
    let text = article_text(&html);
    assert_has(&text, "we did the testing for you");
    for name in ["dishwasher", "fridge", "oven", "washer"] {
        assert_has(&text, &format!("We tested the {name} for six weeks"));
    }
}

#[test]
fn content_streamed_into_a_hidden_block_is_read_before_the_shell() {
    // Streamed server rendering: the visible page is a shell (a menu, a
    // promotion long enough to pass for an article, a footer) and the
    // article waits in a hidden block under <body> for a script to swap it
    // in. The hidden block holds most of the page's text.
    let promo = "<p>Our summer sale is on now, with savings across the range, free delivery on \
                 orders over fifty, and a thirty-day return policy on every purchase, so there \
                 is never a better time to treat yourself to something new for the home.</p>";
    let html = format!(
        "<html><body><div class=shell><nav><a href=/>Home</a> <a href=/shop>Shop</a></nav>\
         <div class=promo>{promo}{promo}{promo}</div><footer>© Harbour Goods</footer></div>\
         <div hidden id=S:1><main><h1>Channel to be widened</h1>{}</main></div>\
         <script>swap('S:1')</script></body></html>",
        paras("works", 9)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 1 on the works");
    assert_has(&text, "Paragraph 9 on the works");
    assert!(!text.contains("summer sale"), "{text:?}");
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} missing from {text:?}"))
}

#[test]
fn streamed_parts_are_read_where_their_placeholders_stand() {
    // Streamed server rendering, part by part: the shell holds the start and
    // the end of the story, a placeholder with a "Loading" fallback between
    // comments in the middle, and the middle itself arrives later in a
    // hidden block that a script moves into the placeholder. The middle is
    // a third of the story, too little to pass for the page on its own.
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}\
         <!--$?--><template id=\"B:0\"></template><div class=skeleton><p>Loading…</p>\
         <div class=pulse></div></div><!--/$-->{}</article><footer>© Harbour Post</footer>\
         <div hidden id=\"S:0\">{}</div>\
         <script>$RC(\"B:0\",\"S:0\")</script></body></html>",
        paras("works", 4),
        paras("cost", 3),
        paras("wall", 3)
    );
    let text = article_text(&html);
    let (works, wall, cost) = (
        position(&text, "Paragraph 4 on the works"),
        position(&text, "Paragraph 3 on the wall"),
        position(&text, "Paragraph 1 on the cost"),
    );
    assert!(works < wall && wall < cost, "out of order: {text:?}");
    assert!(!text.contains("Loading"), "{text:?}");
}

#[test]
fn streamed_parts_are_placed_in_a_page_saved_without_comments() {
    // The same page saved without its comments and scripts: a segment's
    // placeholder, and a boundary whose skeleton fallback has next to no
    // text, are filled; a boundary with no fallback does not take the
    // paragraph after it for one.
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}\
         <template id=\"P:1\"></template>\
         <template id=\"B:2\"></template><div><span>Loading paragraph…</span></div>\
         <template id=\"B:3\"></template><p>The board meets again in the spring, when the \
         first tenders are due and the harbour master will report on the dredging.</p>{}\
         </article><div hidden id=\"S:1\">{}</div><div hidden id=\"S:2\">{}</div>\
         <div hidden id=\"S:3\"><p>The works begin in the autumn.</p></div></body></html>",
        paras("works", 4),
        paras("cost", 3),
        paras("wall", 2),
        paras("berths", 2)
    );
    let text = article_text(&html);
    let order = [
        "Paragraph 4 on the works",
        "Paragraph 2 on the wall",
        "Paragraph 2 on the berths",
        "The works begin in the autumn",
        "The board meets again in the spring",
        "Paragraph 1 on the cost",
    ]
    .map(|needle| position(&text, needle));
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "out of order: {text:?}"
    );
    assert!(!text.contains("Loading"), "{text:?}");
}

#[test]
fn a_hidden_dialog_does_not_displace_the_visible_article() {
    // The other side: a hidden dialog holding less than the page stays
    // hidden and the visible article is read.
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}</article>\
         <div hidden class=dialog><p>Sign in to keep reading the harbour news on every device, \
         with your saved stories, your alerts and your comments in one place.</p></div>\
         </body></html>",
        paras("works", 6)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 6 on the works");
    assert!(!text.contains("Sign in to keep reading"), "{text:?}");
}

#[test]
fn an_intro_inside_a_block_named_header_stays() {
    // The story's own header holds the headline, the byline and the first
    // two paragraphs; the page's masthead, also named "header", holds the
    // site's name, a menu and a one-line motto. Only the masthead goes.
    let html = format!(
        "<html><body>\
         <div class=site-header><a href=/>Valley Ledger</a><p>News from the valley, daily.</p>\
         <ul><li><a href=/towns>Towns</a></li><li><a href=/farms>Farms</a></li></ul></div>\
         <div class=feature-wrap>\
         <section class='story-header top'><h1>The mill reopens</h1><span>By Ada Reyes</span>\
         <p>For the first time in eleven years, the old mill on the river turned its wheel this \
         morning, while a crowd of former workers, their children and a brass band watched.</p>\
         <p>The cooperative that bought it, made up of forty families, plans to grind flour for \
         the valley's bakeries by spring, and to open the loft as a museum of the trade.</p>\
         </section>\
         <div class=story-body>{}</div></div></body></html>",
        paras("mill", 8)
    );
    let text = article_text(&html);
    assert_has(&text, "For the first time in eleven years");
    assert_has(&text, "open the loft as a museum");
    assert_has(&text, "Paragraph 8 on the mill");
    assert!(
        !text.contains("News from the valley"),
        "the masthead's motto: {text:?}"
    );
}

#[test]
fn the_questions_and_answers_after_the_body_stay() {
    // After the body, in a block of its own: the article's questions, each
    // a heading with a paragraph answering it. Beside it, a rail of stories
    // whose linked titles ask questions too, with a line of teaser each,
    // stays out.
    let html = format!(
        "<html><body><main><h1>Heat pumps in old houses</h1>\
         <div class=module><div class=body>{}</div></div>\
         <section class=module><h2>Common questions</h2><div class=list><div class=items>\
         <div class=item><h3>Does a heat pump work in a stone house?</h3>\
         <div class=answer>It does, provided the walls are insulated first and the radiators are \
         sized for a lower flow temperature, which an installer can work out room by room.</div></div>\
         <div class=item><h3>How long does the fitting take?</h3>\
         <div class=answer>Most fittings take three to five days, although a house that needs new \
         pipework or a larger electrical supply may take a week or more.</div></div>\
         </div></div></section>\
         <div class=module><h2>Read next</h2>\
         <div class=card><h3><a href=/a>Are solar tiles worth it?</a></h3><p>We priced them.</p></div>\
         <div class=card><h3><a href=/b>Should you rent a battery?</a></h3><p>A year of data.</p></div></div>\
         </main></body></html>",
        paras("heating", 8)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 8 on the heating");
    assert_has(&text, "Does a heat pump work in a stone house?");
    assert_has(&text, "Most fittings take three to five days");
    assert!(!text.contains("We priced them"), "the rail: {text:?}");
}

#[test]
fn collapsed_sections_of_the_article_stay() {
    // A guide folds its sections into an accordion: each toggle (a
    // `role=button` holding the section's heading, or a button naming its
    // panel with `aria-controls`) is followed by the section's text, which
    // the page's stylesheet hides until opened. The site's menu is folded
    // the same way, behind a button with no heading: it stays out.
    let section = |n: usize| {
        format!(
            "<p>Section {n} of the guide: water the seedlings early, before the sun is high, and \
             again at dusk if the soil has dried, since roots left dry for a day never quite \
             recover, however much rain follows.</p>"
        )
    };
    let html = format!(
        "<html><head><style>.panel{{display:none}} .menu{{display:none}}</style></head><body>\
         <div class=nav><button aria-expanded=false>Menu</button><div class=menu>\
         <p>Shop our seeds, tools, gloves and gift cards, delivered free on orders over twenty \
         pounds, with returns accepted for a month.</p></div></div>\
         <main><h1>Growing tomatoes</h1>{}\
         <div class=fold><div role=button aria-expanded=false><h3>Watering</h3></div>\
         <style>.x{{color:red}}</style><div class=panel>{}</div></div>\
         <div class=fold><button aria-expanded=false aria-controls=feeding>Feeding</button>\
         <div id=feeding class=panel>{}</div></div>\
         </main></body></html>",
        paras("tomatoes", 5),
        section(1),
        section(2)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 5 on the tomatoes");
    assert_has(&text, "Section 1 of the guide");
    assert_has(&text, "Section 2 of the guide");
    assert!(!text.contains("gift cards"), "the folded menu: {text:?}");
}

#[test]
fn an_accordions_panels_stay_whatever_their_toggles_hold() {
    // An accordion from a page builder: each toggle is a plain button with
    // the section's name (no heading, no aria-controls), and each panel is
    // named for the accordion. One panel is hidden by the stylesheet; the
    // other says "hidden" in its class (the folded state), which alone
    // would weigh it as furniture. A folded "Show comments" panel after a
    // plain button is no accordion's: it stays out.
    let section = |n: usize| {
        format!(
            "<p>Section {n} of the guide: water the seedlings early, before the sun is high, and \
             again at dusk if the soil has dried, since roots left dry for a day never quite \
             recover, however much rain follows, and mulch keeps what the rain leaves.</p>"
        )
    };
    let html = format!(
        "<html><head><style>.acc-panel-closed{{display:none}} .thread{{display:none}}</style>\
         </head><body><main><h1>Growing tomatoes</h1>{}\
         <div class=acc-accordion><div class=acc-pane><div class=acc-header-wrap>\
         <button type=button><span>Watering</span></button></div>\
         <div class=\"acc-accordion-panel acc-panel-closed\">{}</div></div>\
         <div class=acc-pane><div class=acc-header-wrap><button type=button>Feeding</button>\
         </div><div class=\"acc-accordion-panel acc-accordion-panel-hidden\">{}</div></div></div>\
         {}<button type=button>Show comments</button><div class=thread><p>I tried this last \
         summer and my plants were twice the size, although the slugs, which I never managed \
         to keep away, got most of the fruit before I did, sadly.</p></div>\
         </main></body></html>",
        paras("tomatoes", 4),
        section(1),
        section(2),
        paras("harvest", 2)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 4 on the tomatoes");
    assert_has(&text, "Section 1 of the guide");
    assert_has(&text, "Section 2 of the guide");
    assert_has(&text, "Paragraph 2 on the harvest");
    assert!(!text.contains("slugs"), "the folded comments: {text:?}");
}

#[test]
fn an_faq_in_accordion_items_keeps_its_questions() {
    // After the body, the article's FAQ as accordion items: each question
    // is a header named for the item (with an icon font's chevron after
    // it), not a heading, and most answers are lists of steps. The
    // questions stay, each before its answer, without the icon's name.
    let item = |q: &str, a: &str| {
        format!(
            "<div class=accordion-entry><div class=accordion-entry-header><div class=entry-label>\
             {q} <i class=material-icons>chevron_right</i></div></div>\
             <div class=accordion-entry-body><p>{a}</p><ul>\
             <li>Check the soil by hand each morning, an inch down, before deciding.</li>\
             <li>Water at the base of the plant, never over the leaves, to keep blight off.</li>\
             <li>Give each plant a full can twice a week once the fruit begins to swell.</li>\
             </ul></div></div>"
        )
    };
    let html = format!(
        "<html><body><main><h1>Growing tomatoes</h1><div class=body>{}</div>\
         <div class=further-sections><h2>Tomato questions</h2><div class=faq-list>{}{}</div></div>\
         </main></body></html>",
        paras("tomatoes", 8),
        item(
            "How often should I water?",
            "It depends on the weather, but as a rule:"
        ),
        item(
            "When should I feed them?",
            "Once the first flowers open, and then:"
        )
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 8 on the tomatoes");
    let question = position(&text, "How often should I water?");
    let answer = position(&text, "It depends on the weather");
    assert!(question < answer, "{text:?}");
    assert_has(&text, "When should I feed them?");
    assert_has(&text, "Give each plant a full can");
    assert!(!text.contains("chevron_right"), "{text:?}");
}

#[test]
fn an_authors_aside_between_paragraphs_stays_but_a_sidebar_does_not() {
    // A side note set as `<aside>` in the flow of the text (a heading and
    // two paragraphs), an illustration in an `<aside>`, a pull quote, and a
    // tip of one long paragraph closing a section; beside the article, a
    // sidebar `<aside>` of prose about the site.
    let html = format!(
        "<html><body><div class=layout><div class=column><h1>Channel to be widened</h1>{}\
         <aside class=note><h3>A word on the tides</h3>\
         <p>Spring tides here rise seven metres, twice the height of the neap tides, and the \
         dredgers can only work in the two hours either side of low water, which is why the \
         work will take four years.</p>\
         <p>The pilots, who bring every ship in, asked for the channel to be marked with lit \
         buoys, and the board, after some argument, agreed to pay for them as well.</p></aside>\
         {}<aside class=illustration><figure><img src=/dredger.jpg alt=''>\
         <figcaption>A dredger of the kind the board has hired.</figcaption></figure></aside>\
         {}<aside class=pull><p>“The wall has stood for a century; it will stand for another.”</p></aside>\
         {}<aside class=tip><p>Visiting? The quay stays open through the works, though the \
         footpath along the wall will close in sections, one at a time, each for a month or so, \
         and the ferry will move to the north steps while its own berth is rebuilt.</p></aside>\
         <h2>After the works</h2>{}</div><aside class=about><h3>About this site</h3>\
         <p>The Harbour Post is written by volunteers, and has been since the first issue, which \
         was printed, folded and delivered by hand, on a wet Saturday, in the spring of 1998.</p>\
         <p>We take no advertising, and our costs, which are small, are paid by readers, whose \
         letters, corrections and complaints we print, unedited, every week.</p></aside>\
         </div></body></html>",
        paras("tides", 3),
        para("dredging", 4),
        para("the wall", 5),
        para("buoys", 6),
        para("the future", 7),
    );
    let text = article_text(&html);
    assert_has(&text, "A word on the tides");
    assert!(position(&text, "ferry will move") < position(&text, "After the works"));
    assert_has(&text, "lit buoys");
    assert_has(&text, "A dredger of the kind");
    assert_has(&text, "Paragraph 6 on the buoys");
    assert!(
        !text.contains("written by volunteers"),
        "the sidebar joined: {text:?}"
    );
}

#[test]
fn a_folded_sections_title_in_its_toggle_button_stays_with_it() {
    // The WAI-ARIA accordion: each section's title is a button (inside a
    // heading, with or without `aria-controls`, or holding a question)
    // that unfolds the hidden section after it. The titles stay, each before its section; a "Read more"
    // toggle before the rest of the story only acts, and stays out.
    let answer = |n: usize| {
        format!(
            "<p>Answer {n}: the board, after a long debate, decided it, and the council, \
             which pays for the works, agreed, so it will be done within the year.</p>"
        )
    };
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}\
         <button class=more aria-expanded=false aria-controls=rest>Read more</button>\
         <div id=rest hidden>{}</div>\
         <h2>Plans in detail</h2>\
         <h3><button aria-expanded=false aria-controls=s1>The new berths</button></h3>\
         <div id=s1 role=region hidden>{}</div>\
         <div class=item><button class=toggle><span>Who pays for the buoys?</span></button>\
         <div class=accordion-panel hidden>{}</div></div>\
         <div class=part><h3><button aria-expanded=false><p>Dredging</p></button></h3>\
         <div aria-hidden=true hidden>{}</div></div>\
         </article></body></html>",
        paras("works", 6),
        para("the rest", 7),
        answer(1),
        answer(2),
        answer(3),
    );
    let text = article_text(&html);
    assert!(
        position(&text, "The new berths") < position(&text, "Answer 1"),
        "{text:?}"
    );
    assert!(
        position(&text, "Who pays for the buoys?") < position(&text, "Answer 2"),
        "{text:?}"
    );
    assert!(
        position(&text, "Dredging") < position(&text, "Answer 3"),
        "{text:?}"
    );
    assert!(!text.contains("Read more"), "{text:?}");
}

#[test]
fn an_faq_after_the_wrapper_around_the_body_stays() {
    // The body sits in a wrapper (with its byline); the FAQ, named as one,
    // follows the wrapper, its questions in buttons over folded answers.
    // A call to action that asks questions after the wrapper stays out.
    let item = |q: &str| {
        format!(
            "<div class=qa-item><button class=qa-toggle><p>{q}</p></button>\
             <div class=qa-answer hidden aria-hidden=true><p>In short, the channel will be \
             dredged each winter, when the ships are fewest, and the berths rebuilt one by \
             one, so that the harbour never closes, not even for a day.</p></div></div>"
        )
    };
    let html = format!(
        "<html><body><main><div class=post><div class=post-info><div class=byline>By Ann Lee</div>\
         <div class=text>{}</div></div>\
         <section class=post-faq><h2>Frequently asked</h2>{}{}</section>\
         <section class=demo><h2>Ready to plan your harbour?</h2><h3>What will you get?</h3>\
         <p>A partner who cares about your plans, your budget, your timetable and your \
         people, and who will be there, on the quay, the day the first ship comes in.</p>\
         <h3>Why now?</h3><p>Because the best berths, like the best tides, do not wait, and \
         the yards that build them are booked, already, well into the second half of next year.</p>\
         </section></div></main></body></html>",
        paras("works", 8),
        item("How long will the works take?"),
        item("Will the harbour close?"),
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 8 on the works");
    assert!(
        position(&text, "How long will the works take?") < position(&text, "In short"),
        "{text:?}"
    );
    assert_has(&text, "Will the harbour close?");
    assert!(!text.contains("Ready to plan"), "{text:?}");
}

#[test]
fn the_key_points_listed_before_the_body_stay() {
    // Under the headline, a box of key points (a heading and a list of
    // sentences), then the body in a wrapper of its own. A list of short
    // links before the body (the site's sections) stays out.
    let html = format!(
        "<html><body><main><h1>Channel to be widened</h1>\
         <ul class=sections><li><a href=/news>News</a></li><li><a href=/sport>Sport</a></li>\
         <li><a href=/weather>Weather</a></li></ul>\
         <div class=summary-box><h4>In brief</h4><ol>\
         <li>The channel will be widened by twenty metres and deepened by two, over four years.</li>\
         <li>The old sea wall, patched since the storm, will be rebuilt in stone, not concrete.</li>\
         <li>The harbour stays open throughout, with one berth closed at a time, never two.</li>\
         </ol></div><div class=story>{}</div></main></body></html>",
        paras("works", 8)
    );
    let text = article_text(&html);
    assert!(
        position(&text, "widened by twenty metres") < position(&text, "Paragraph 1 on the works"),
        "{text:?}"
    );
    assert_has(&text, "never two");
    assert!(!text.contains("Weather"), "{text:?}");
}

#[test]
fn headings_set_with_typography_utilities_stay() {
    // Utility classes that set the type (`leading-extra-tight`,
    // `tracking-extra-wide`) say nothing of what a heading heads.
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}\
         <h2 class='font-bold leading-extra-tight text-2xl'>What the works will cost</h2>{}\
         <h3 class='uppercase md:tracking-extra-wide'>Who pays</h3>{}</article></body></html>",
        paras("works", 3),
        para("costs", 4),
        para("payers", 5),
    );
    let text = article_text(&html);
    assert!(position(&text, "What the works will cost") < position(&text, "Paragraph 4"));
    assert!(position(&text, "Who pays") < position(&text, "Paragraph 5"));
}

#[test]
fn an_intro_of_one_long_paragraph_in_a_block_named_header_stays() {
    // The article's header (named "header") holds the headline and an
    // intro of one long paragraph; the page's masthead, also a "header",
    // holds a logo and links.
    let html = format!(
        "<html><body><div class=site-header><a href=/>Harbour Post</a> <a href=/news>News</a> \
         <a href=/sport>Sport</a></div><main><section class=story-header><h1>Channel to be widened</h1>\
         <p>Ships are bigger than ever. The ones that call here now are twice the length of those \
         the harbour was built for, and the board, after two years of argument, has agreed to \
         widen and deepen the channel so that the largest of them can turn without a tug.</p>\
         </section><section class=story-body>{}</section></main></body></html>",
        paras("works", 8)
    );
    let text = article_text(&html);
    assert!(
        position(&text, "Ships are bigger than ever") < position(&text, "Paragraph 1 on the works"),
        "{text:?}"
    );
    assert!(!text.contains("Sport"), "{text:?}");
}

#[test]
fn a_section_whose_id_is_made_of_its_headings_words_stays() {
    // Sections anchored by their headings' words: "shared" and "related"
    // there name the text, not a share bar or a related-stories rail.
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}\
         <div class=section id=example-1-amend-a-shared-plan><h2>Example 1: amend a shared plan</h2>{}</div>\
         <section id=related-work-and-sources><h2>Related work and sources</h2>{}</section>\
         </article></body></html>",
        paras("works", 4),
        paras("shared plan", 2),
        para("earlier harbours", 7),
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 2 on the shared plan");
    assert_has(&text, "Paragraph 7 on the earlier harbours");
}

#[test]
fn a_list_whose_bullets_are_icon_images_stays() {
    // Each item: a check-mark icon (20 × 20) and a sentence. Icons are
    // no pictures, so the list is no gallery of images without text.
    let item = |t: &str| {
        format!(
            "<li><span class=mark><img src=/check.svg width=20 height=20 alt=''></span>\
             <span class=item-text>{t}</span></li>"
        )
    };
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{}\
         <h2>Why widen it</h2><ul class=reasons>{}{}{}</ul>{}</article></body></html>",
        paras("works", 4),
        item("Ships twice the old length now call every week."),
        item("Tugs cost the port more each year than the dredging would."),
        item("The berths silt up, and the wall is failing."),
        para("the plan", 5),
    );
    let text = article_text(&html);
    assert_has(&text, "Tugs cost the port more each year");
    assert_has(&text, "the wall is failing");
}

#[test]
fn a_data_table_linking_each_app_to_its_store_page_stays() {
    // Each row names an app with a link to its store page: data, not an
    // "app in the app stores" promo that would leave the article.
    let html = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/guard/22-apps-compared-in-a-table.html"
    ))
    .expect("the fixture");
    let text = article_text(&html);
    for cell in ["Garden Puzzles", "Inbox Zero Mail", "13.1 MB", "New patch"] {
        assert_has(&text, cell);
    }
    assert!(!text.contains("Download on the App Store"), "{text:?}");
}

/// One entry of a roundup as a plugin writes it: a picture, a title, a
/// teaser sentence in a `div` (no `<p>`), and a button linking out.
fn roundup_entry(n: usize, linked_title: bool) -> String {
    let title = if linked_title {
        format!("<h3 class=\"pick-name\"><a href=\"/trail-{n}\">Trail number {n}</a></h3>")
    } else {
        format!("<h3 class=\"pick-name\">Trail number {n}</h3>")
    };
    format!(
        "<div class=\"pick pick-{n}\"><div class=\"pick-photo\"><a href=\"/trail-{n}\">\
         <img src=\"/trail-{n}.jpg\" width=\"600\" height=\"400\" alt=\"\"></a></div>\
         <div class=\"pick-summary\">{title}<div class=\"pick-text\"><span>Trail {n} climbs \
         gently through birch woods to a lake, then loops back along the ridge.</span></div>\
         <a class=\"pick-more\" href=\"/trail-{n}\">See the route</a></div></div>"
    )
}

#[test]
fn a_roundups_entries_stay_with_their_intro() {
    // Seven picks, each a picture, a title, one sentence and a link out:
    // alone, each looks like a teaser (a linked picture over one sentence),
    // and the list holds no paragraph for its pictures. Together, after
    // the intro, they are the article.
    for linked_title in [false, true] {
        let entries: String = (1..=7).map(|n| roundup_entry(n, linked_title)).collect();
        let html = format!(
            "<html><body><header><a href=/>Trail Notes</a></header><article>\
             <h1>7 easy trails for a first hike</h1>{intro}\
             <div class=\"picks-list\">{entries}</div></article>\
             <footer><a href=/about>About</a></footer></body></html>",
            intro = paras("trails", 2)
        );
        let text = article_text(&html);
        assert_has(&text, "Paragraph 1 on the trails");
        for n in 1..=7 {
            assert_has(&text, &format!("Trail {n} climbs gently"));
            assert_has(&text, &format!("Trail number {n}"));
        }
    }
}

#[test]
fn three_teasers_after_the_story_are_no_roundup() {
    // Stories to read next, built like entries but only three: a rail of
    // teasers, which the article's cleaning takes out.
    let teasers: String = (1..=3).map(|n| roundup_entry(n, true)).collect();
    let html = format!(
        "<html><body><article><h1>Channel to be widened</h1>{body}\
         <ol class=\"next-reads\">{teasers}</ol></article></body></html>",
        body = paras("harbour", 6)
    );
    let text = article_text(&html);
    assert_has(&text, "Paragraph 6 on the harbour");
    assert!(!text.contains("climbs gently"), "teasers kept: {text:?}");
}

#[test]
fn the_intro_in_the_block_holding_the_headline_stays() {
    // The page's header block holds the breadcrumbs, the headline, the
    // date and the first two paragraphs; the body sits in a block of its
    // own after it. A one-line summary in such a header stays out (the
    // headline's dek), and so does a call to action there.
    let intro = "<p>Cheap laptops are everywhere, but most of them are slow, heavy and \
                 badly built, and it takes weeks of testing, benchmarks and commutes to find \
                 the few that hold up over a year of daily use, on a train or at a desk.</p>\
                 <p>We tested thirty of them this spring, from the lightest notebooks to the \
                 biggest screens, and the four below are the ones we would buy again, each \
                 for a different kind of work, from writing to photo editing.</p>";
    let header = |inner: &str| {
        format!(
            "<html><body><header><a href=/>Gadget Notes</a></header><article><div class=wrap>\
             <div class=top><nav><a href=/>Home</a> / <a href=/laptops>Laptops</a></nav>\
             <h1>The best cheap laptops</h1><div class=date>Updated May 2</div>\
             <div class=lede>{inner}</div>\
             <p class=cta-text>Want us to pick one for you? Our advisers answer within a day, \
             for free, by email or by phone.</p></div><div class=spacer></div>\
             <div class=main><div class=column><section class=text>{body}</section></div>\
             <aside class=more><a href=/a>Best tablets</a><a href=/b>Best phones</a></aside>\
             </div></div></article></body></html>",
            body = paras("laptops", 8)
        )
    };
    let text = article_text(&header(intro));
    assert_has(&text, "Cheap laptops are everywhere");
    assert_has(&text, "We tested thirty of them");
    assert_has(&text, "Paragraph 8 on the laptops");
    assert!(
        !text.contains("Our advisers answer"),
        "the pitch joined: {text:?}"
    );
    assert_eq!(text.matches("Paragraph 1 on the laptops").count(), 1);

    let dek = "<p>Four laptops under $500 that we would buy again.</p>";
    let text = article_text(&header(dek));
    assert!(
        !text.contains("would buy again"),
        "the dek joined: {text:?}"
    );
    assert_has(&text, "Paragraph 1 on the laptops");
}

#[test]
fn the_intro_before_a_table_of_contents_stays() {
    // Intro, then a table of contents (links to the sections below, with
    // labels of their own), then the body: the contents end neither.
    let toc: String = (1..=6)
        .map(|n| {
            format!(
                "<li><a href=\"#part-{n}\">Part {n}</a> – what the board decided on day {n}</li>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><header><a href=/>Harbour Post</a></header><main>\
         <h1>Channel to be widened</h1>\
         <section class=intro><p>The harbour will be rebuilt over four years, the board \
         decided on Monday, at a cost that has already doubled since the plan was first drawn \
         up, and the work starts in spring.</p><p>Here is what changes, part by part, for the \
         ferries, the fishing fleet and the people who live along the old sea wall.</p></section>\
         <section class=contents><h2>In this story</h2><ol>{toc}</ol></section>\
         <section class=story><div class=story-text>{}</div></section></main></body></html>",
        paras("works", 20)
    );
    let text = article_text(&html);
    assert_has(&text, "rebuilt over four years");
    assert_has(&text, "Paragraph 20 on the works");
}

#[test]
fn the_intro_under_the_headline_stays_when_the_body_fills_little_of_its_box() {
    // A recipe: the headline and the intro in a header block, then a box
    // with the ingredients beside the steps and a tips list after them, so
    // the steps hold under four fifths of their box and the wrappers
    // around them end early. The intro is still the article's start.
    let tips: String = (1..=6)
        .map(|n| format!("<li>Tip {n}: a cooler kitchen slows the rise, so give the dough more time and keep it covered.</li>"))
        .collect();
    let html = format!(
        "<html><body><header><a href=/>Bakery Notes</a></header><main>\
         <section class=page-head><h1>Everyday sourdough loaf</h1>\
         <p>This loaf is tangy, forgiving and needs no kneading at all: you stir the dough, \
         leave it overnight, scoop it into a tin in the morning and bake it after lunch, \
         with no shaping and no banneton.</p>\
         <p>The crumb is soft enough for sandwiches and the crust crisp enough for toast, \
         and the starter does not even need feeding first: straight from the fridge, as it \
         is, it raises the loaf in twelve hours.</p>\
         <p>Bake it in a tin, cool it on a rack, and slice it the next day.</p></section>\
         <section class=recipe><aside class=ingredients><h2>Ingredients</h2><ul>\
         <li>500 g bread flour</li><li>120 g rye flour</li><li>10 g salt</li>\
         <li>60 g starter</li><li>450 g water</li></ul></aside>\
         <article class=instructions><h2>Instructions</h2><div class=steps>{steps}</div>\
         <div class=tips><h3>Tips</h3><ul>{tips}</ul></div></article></section>\
         </main></body></html>",
        steps = paras("dough", 7)
    );
    let text = article_text(&html);
    assert_has(&text, "needs no kneading at all");
    assert_has(&text, "Paragraph 7 on the dough");
}
