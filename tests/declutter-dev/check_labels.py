#!/usr/bin/env python3
"""Check tests/declutter-dev/labels.tsv against the WCXB dev corpus.

Every selector must match exactly one element of its page as parsed by
html5lib (an HTML5-conformant parser) into an lxml tree; cssselect turns the
selector into XPath.  Prints problems, then counts by kind and page.

    pip install lxml cssselect html5lib
    python3 tests/declutter-dev/check_labels.py [labels.tsv] [--corpus DIR]
"""
import collections, gzip, os, re, sys, warnings

import html5lib
from cssselect import GenericTranslator

warnings.filterwarnings('ignore')  # html5lib's lxml builder warns on odd names

KINDS_CLUTTER = ['comments', 'newsletter', 'cookie_consent', 'related',
                 'repeated_boilerplate', 'share', 'ad', 'app_promo']
KINDS_KEEP = ['keep_headline', 'keep_byline', 'keep_caption', 'keep_code',
              'keep_table', 'keep_opening_post']
HERE = os.path.dirname(os.path.abspath(__file__))


def load(corpus, page):
    """Bytes -> text: BOM, else <meta charset> in the first 4 KiB, else UTF-8."""
    b = gzip.open(os.path.join(corpus, 'html', page + '.html.gz')).read()
    if b.startswith(b'\xef\xbb\xbf'):
        return b[3:].decode('utf-8', 'replace')
    m = re.search(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_-]+)', b[:4096], re.I)
    enc = m.group(1).decode() if m else 'utf-8'
    try:
        return b.decode(enc, 'replace')
    except LookupError:
        return b.decode('utf-8', 'replace')


def _ref(m):
    v = m.group(1)
    n = int(v[1:], 16) if v[0] in 'xX' else int(v)
    bad = n < 32 and n not in (9, 10, 13) or n == 127
    return '&#xFFFD;' if bad else m.group(0)


def clean_ctl(text):
    """lxml refuses control characters (XML rules); HTML keeps them as text.
    Form feed is HTML whitespace; the rest become U+FFFD. Structure is unchanged."""
    text = text.replace('\x0c', ' ')
    text = re.sub(r'&#([xX][0-9a-fA-F]+|[0-9]+);?', _ref, text)
    return re.sub(r'[\x00-\x08\x0b\x0e-\x1f\x7f]', '\ufffd', text)


def inside(el, tags):
    while el is not None:
        if el.tag in tags:
            return True
        el = el.getparent()
    return False


def main():
    args = [a for a in sys.argv[1:]]
    corpus = os.path.join(HERE, '..', '..', '..', 'shared', 'corpus', 'wcxb-dev')
    if '--corpus' in args:
        i = args.index('--corpus'); corpus = args[i + 1]; del args[i:i + 2]
    path = args[0] if args else os.path.join(HERE, 'labels.tsv')
    rows = []
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        assert header == ['page', 'kind', 'selector', 'reason'], header
        for n, line in enumerate(f, 2):
            if not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) != 4:
                print(f'line {n}: expected 4 columns, got {len(cols)}'); rows.append(None); continue
            rows.append((n, *cols))
    tr = GenericTranslator()
    errors = 0
    by_page = collections.defaultdict(list)
    for r in rows:
        if r is None:
            errors += 1; continue
        by_page[r[1]].append(r)
    for page in sorted(by_page):
        doc = html5lib.parse(clean_ctl(load(corpus, page)), treebuilder='lxml',
                             namespaceHTMLElements=False)
        seen = {}
        for n, _, kind, sel, reason in by_page[page]:
            problem = None
            if kind not in KINDS_CLUTTER + KINDS_KEEP:
                problem = f'unknown kind {kind!r}'
            elif not reason.strip():
                problem = 'empty reason'
            else:
                try:
                    hits = doc.xpath(tr.css_to_xpath(sel))
                except Exception as e:  # bad selector
                    hits = None; problem = f'bad selector: {e}'
                if hits is not None:
                    if len(hits) != 1:
                        problem = f'selector matches {len(hits)} elements'
                    elif inside(hits[0], ('script', 'template', 'noscript')):
                        problem = 'element is inside <script>/<template>/<noscript>'
                    elif hits[0] in seen:
                        problem = f'same element as line {seen[hits[0]]}'
                    else:
                        seen[hits[0]] = n
            if problem:
                errors += 1
                print(f'line {n}: {page} {kind} {sel!r}: {problem}')
    flat = [r for r in rows if r]
    kinds = collections.Counter(r[2] for r in flat)
    print(f'{len(flat)} labels on {len(by_page)} pages, {errors} problem(s)')
    for k in KINDS_CLUTTER + KINDS_KEEP:
        print(f'  {k:22s} {kinds.get(k, 0):4d}  ({len({r[1] for r in flat if r[2] == k})} pages)')
    c = sum(kinds.get(k, 0) for k in KINDS_CLUTTER)
    print(f'  {"clutter total":22s} {c:4d}')
    print(f'  {"keep total":22s} {len(flat) - c:4d}')
    print(f'  {"comments+newsletter+repeated_boilerplate":s} '
          f'{kinds["comments"] + kinds["newsletter"] + kinds["repeated_boilerplate"]}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
