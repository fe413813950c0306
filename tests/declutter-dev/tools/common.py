import gzip, json, re, html5lib, lxml.etree as ET
from cssselect import GenericTranslator
import os
CORPUS=os.environ.get('WCXB_DEV', os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'corpus', 'wcxb-dev'))
import sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from check_labels import load, clean_ctl  # one loader for the labels and the tools


def load_text(pid):
    return load(CORPUS, pid)


def parse(pid):
    return html5lib.parse(clean_ctl(load_text(pid)),treebuilder='lxml',namespaceHTMLElements=False)
def gt(pid):
    return json.load(open(f'{CORPUS}/ground-truth/{pid}.json'))
_tr=GenericTranslator()
def select(doc,sel):
    return doc.xpath(_tr.css_to_xpath(sel))

SKIP={'script','style','noscript','template','svg','head','title','meta','link'}
import warnings; warnings.filterwarnings('ignore')
def ws(s): return re.sub(r'\s+',' ',s or '').strip()
class Page:
    def __init__(self,pid):
        self.pid=pid; self.doc=parse(pid); self.g=gt(pid)
        self.gtd=self.g['ground_truth']; self.ptype=self.g['_internal']['page_type']['primary']
        self.main=ws(self.gtd.get('main_content',''))
        self._t={}
        self.body=self.doc.find('body')
        self.parent={}
        for el in self.doc.iter():
            for c in el: self.parent[c]=el
    def text(self,el):
        if el in self._t: return self._t[el]
        if not isinstance(el.tag,str) or el.tag in SKIP:
            self._t[el]=''; return ''
        parts=[el.text or '']
        for c in el:
            parts.append(self.text(c)); parts.append(c.tail or '')
        t=' '.join(parts); self._t[el]=t; return t
    def wtext(self,el): return ws(self.text(el))
    def overlap(self,el):
        t=self.wtext(el)
        if not t or not self.main: return 0.0
        chunks=[c.strip() for c in re.split(r'(?<=[.!?])\s+',t) if len(c.strip())>=30]
        if not chunks: return 0.0
        tot=sum(len(c) for c in chunks); hit=sum(len(c) for c in chunks if c in self.main)
        return hit/tot
    def with_in(self,el):
        t=self.wtext(el); return sum(1 for w in self.gtd.get('with',[]) if ws(w) in t)
    def nlinks(self,el): return len(el.xpath('.//a'))

def simple_ident(s): return re.fullmatch(r'-?[A-Za-z_][A-Za-z0-9_-]*',s or '') is not None
def selector(page,el):
    doc=page.doc
    def uniq(sel):
        try: return len(select(doc,sel))==1
        except Exception: return False
    def own(e):
        i=e.get('id')
        if i and simple_ident(i) and uniq('#'+i): return '#'+i
        cls=[c for c in (e.get('class') or '').split() if simple_ident(c)]
        tag=e.tag if isinstance(e.tag,str) and simple_ident(e.tag) else None
        if tag:
            for c in cls:
                if uniq(f'{tag}.{c}'): return f'{tag}.{c}'
            for a in range(len(cls)):
                for b in range(a+1,len(cls)):
                    s=f'{tag}.{cls[a]}.{cls[b]}'
                    if uniq(s): return s
            if tag in ('body','main','header','footer','article','h1') and uniq(tag): return tag
            for att in ('aria-label','data-testid','data-component','role','itemprop','name'):
                v=e.get(att)
                if v and re.fullmatch(r'[\w .:-]+',v) and uniq(f'{tag}[{att}="{v}"]'): return f'{tag}[{att}="{v}"]'
        return None
    s=own(el)
    if s: return s
    # path up to an anchor
    path=[]; e=el
    while e is not None and e.tag!='html':
        s=own(e)
        if s and e is not el:
            cand=s+' > '+' > '.join(reversed(path))
            if uniq(cand): return cand
        p=page.parent.get(e)
        if p is None: break
        same=[c for c in p if c.tag==e.tag]
        step=e.tag if len(same)==1 else f'{e.tag}:nth-of-type({same.index(e)+1})'
        path.append(step); e=p
    cand='html > '+' > '.join(reversed(path))
    return cand
def desc(el):
    i=el.get('id'); c=ws(el.get('class'))
    return el.tag+(f'#{i}' if i else '')+(('.'+'.'.join(c.split()))[:80] if c else '')
