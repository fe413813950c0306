import sys; import os; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__))); from common import *
import signal; signal.signal(signal.SIGPIPE, signal.SIG_DFL)
KW={
 'comments':r'comment|disqus|respond|discussion|coral|replies|reply-form|commento|fb-comments|talk-embed|spot-?im|openweb|giscus|utterances',
 'newsletter':r'newsletter|subscri|sign-?up|signup|mailchimp|mc4wp|mc-embed|optin|opt-in|email-capture|lead-?gen|convertkit|klaviyo|hubspot-form|inline-form|email-form',
 'cookie_consent':r'cookie|consent|gdpr|onetrust|cookiebot|ccpa|cmplz|truste|didomi|usercentrics|privacy-?banner|iubenda|termly|osano|quantcast|borlabs|(^|\s)cky-|moove|cli-bar|cookie-law',
 'related':r'related|more-from|more-stories|recommend|you-may|also-like|read-next|readnext|up-next|trending|popular|most-read|further-reading|yarpp|jp-relatedposts|crp_related|more-articles|keep-reading|latest-posts|recent-posts|more-news',
 'share':r'share|sharing|social|addtoany|(^|[\s_-])(a2a|essb|dpsp)([\s_-]|$)|sharethis|sharedaddy|shareaholic|sassy|heateor|mashsb|novashare|grow-me|social-links|follow-us',
 'ad':r'(^|[\s_-])(ad|ads|advert|advertisement|adsbygoogle|adslot|ad-slot|ad-unit|adunit|dfp|gpt|banner-ad|adsense|adthrive|mediavine|ezoic|taboola|outbrain|sponsor|sponsored|promo|htlad|dfp-ad|ad-container|ad-wrapper|advertising)([\s_-]|$)|adthrive|ezoic|adsbygoogle|taboola|outbrain|div-gpt|google_ads|mediavine|raptive|pubads|ad-slot|adslot|advertisement',
 'app_promo':r'app-?promo|app-?banner|download-app|get-the-app|smart-?banner|app-download|appstore|app-store|google-?play',
 'repeated_boilerplate':r'copyright|legal|disclaimer|disclosure|rights|colophon|footer-bottom|bottom-footer|sub-footer|subfooter|site-info|footer-legal|footer-copy',
}
HEAD={
 'comments':r'^\W*(\d+\s*)?(comments?|leave a (reply|comment)|join the (conversation|discussion)|\d* ?responses?|discussion|reactions|post a comment|add a comment)\b',
 'newsletter':r'newsletter|subscribe|sign up|inbox|get (our|the) (latest|best)',
 'related':r'related|more from|you (may|might) (also )?like|read next|recommended|more stories|trending|popular|most read|keep reading|more articles|latest|further reading|also read|more in',
 'share':r'\bshare\b|follow us',
 'cookie_consent':r'cookie|consent|privacy',
 'app_promo':r'\bapp\b',
}
def attrs(el):
    return ' '.join(str(el.get(a) or '') for a in ('id','class','aria-label','role','data-component','data-module','data-testid','data-type')).lower()
def main():
    pid=sys.argv[1]; mode=sys.argv[2] if len(sys.argv)>2 else 'cand'
    p=Page(pid)
    if mode=='cand': cand(p)
    elif mode=='tree': tree(p,select(p.doc,sys.argv[3])[0],int(sys.argv[4]) if len(sys.argv)>4 else 4)
    elif mode=='up': up(p,select(p.doc,sys.argv[3])[0])
    elif mode=='find': findtext(p,sys.argv[3])
    elif mode=='sel':
        for x in select(p.doc,sys.argv[3]): print(selector(p,x),desc(x),len(p.wtext(x)),p.wtext(x)[:200])
def line(p,el,extra=''):
    t=p.wtext(el)
    return f'{selector(p,el)}  <{desc(el)}> len={len(t)} a={p.nlinks(el)} ov={p.overlap(el):.2f} w={p.with_in(el)} {extra}| {t[:90]!r}'
def in_skip(p,el):
    e=el
    while e is not None:
        if e.tag in SKIP: return True
        e=p.parent.get(e)
    return False
def grow(p,el):
    e=el
    while True:
        q=p.parent.get(e)
        if q is None or q.tag in ('body','html'): return e
        if len(p.wtext(q))>len(p.wtext(e))+60 or p.overlap(q)>0.05 or p.with_in(q)>0: return e
        if p.nlinks(q)>p.nlinks(el)+6: return e
        e=q
def aroot(p):
    ws_=[ws(w) for w in p.gtd.get('with',[])]
    best=None
    for el in p.body.iter():
        if isinstance(el.tag,str) and el.tag not in SKIP:
            t=p.wtext(el)
            if ws_ and sum(w in t for w in ws_)>=0.8*len(ws_): best=el
    return best
def cand(p):
    g=p.gtd
    order={e:i for i,e in enumerate(p.body.iter())}; N=len(order)
    ar=aroot(p); p.ar=ar
    arset=set(ar.iter()) if ar is not None else set()
    print('AROOT', selector(p,ar) if ar is not None else None, desc(ar) if ar is not None else '', f'pos={order.get(ar,0)/N:.2f}-{(order.get(ar,0)+len(list(ar.iter())))/N:.2f}' if ar is not None else '')
    print(p.pid,p.ptype,p.g['url']); print('TITLE',g.get('title')); print('AUTHOR',g.get('author'))
    print('MAIN',len(p.main),p.main[:150])
    for w in g.get('without',[])[:12]: print('  WITHOUT',w[:110])
    b=p.body
    print('--h1');
    for el in b.iter('h1'): print('  ',f'@{order[el]/N:.2f}'+(' IN' if el in arset else ''),line(p,el))
    t=ws(g.get('title') or '')
    if t:
        for el in b.iter():
            if isinstance(el.tag,str) and el.tag in ('h2','h3','div','span','p','header') and p.wtext(el)==t: print('  title-eq',line(p,el))
    print('--byline')
    a=ws(g.get('author') or '')
    seen=set(); nb=0
    for el in b.iter():
        if nb>=10: break
        if not isinstance(el.tag,str) or in_skip(p,el): continue
        at=attrs(el)+' '+str(el.get('rel') or '')+' '+str(el.get('itemprop') or '')
        tt=p.wtext(el)
        par=p.parent.get(el)
        if par is not None and p.wtext(par)==tt: continue
        if (re.search(r'byline|author|writer|contributor|posted-by|meta-author',at) and 0<len(tt)<150) or (a and a.split(',')[0][:30] in tt and len(tt)<100):
            print('  ',f'@{order[el]/N:.2f}'+(' IN' if el in arset else ''),line(p,el)); nb+=1
    print('--figcaption/pre/table')
    for tag in ('figcaption','pre','table'):
        els=[e for e in b.iter(tag) if not in_skip(p,e)]
        for el in els[:15]: print('  ',f'@{order[el]/N:.2f}'+(' IN' if el in arset else ''),line(p,el))
        if len(els)>15: print('   ...',len(els))
    print('--cands')
    hits=[]
    for el in b.iter():
        if not isinstance(el.tag,str) or el.tag.startswith('{') or el.tag in SKIP or in_skip(p,el): continue
        at=attrs(el)
        kinds=[k for k,r in KW.items() if re.search(r,at)]
        if el.tag in ('h2','h3','h4','h5','h6','strong','span','div','p','legend','button') and len(p.wtext(el))<60:
            for k,r in HEAD.items():
                if re.search(r,p.wtext(el),re.I) and (el.tag[0]=='h' or k in('comments','newsletter','cookie_consent')): kinds.append(k+'(h)')
        if el.tag=='input' and (el.get('type')=='email' or 'mail' in (el.get('name') or '')): kinds.append('newsletter(email)')
        if el.tag=='a' and re.search(r'apps\.apple\.com|play\.google\.com/store', el.get('href') or ''): kinds.append('app_promo(link)')
        if el.tag=='iframe' and re.search(r'disqus|facebook.com/plugins/comments',el.get('src') or ''): kinds.append('comments(iframe)')
        if kinds and el.tag!='body' and p.with_in(el)==0 and p.overlap(el)<0.3: hits.append((el,kinds))
    # drop nested hits whose ancestor hit has same kinds & similar text
    hs=set(h[0] for h in hits); hk=dict(hits); out=[]
    for el,k in hits:
        e=p.parent.get(el); skip=False
        bk=set(x.split('(')[0] for x in k)
        while e is not None:
            if e in hs and (len(p.wtext(e))<=len(p.wtext(el))+40 or bk & set(x.split('(')[0] for x in hk[e])): skip=True;break
            e=p.parent.get(e)
        if not skip: out.append((el,k))
    from collections import Counter
    grp=Counter(); 
    for el,k in out:
        gkey=(tuple(sorted(set(k))),el.tag+str(el.get("class")))
        grp[gkey]+=1
        if grp[gkey]==3: print('      ... more of the same kind under the same parent'); continue
        if grp[gkey]>3: continue
        depth=0;e=p.parent.get(el)
        while e is not None and e is not b: depth+=1; e=p.parent.get(e)
        gr=grow(p,el)
        flag=' IN-AROOT' if el in arset else ''
        print(f'{depth:2d} @{order[el]/N:.2f}{flag} {",".join(sorted(set(k)))}: {line(p,el)}')
        if gr is not el: print(f'      ^grow: {line(p,gr)}')
        par=p.parent.get(gr)
        if par is not None and par.tag not in ('body',):
            kids=[c for c in par if isinstance(c.tag,str) and c.tag not in SKIP]
            if 1<len(kids)<=12:
                print('      sibs of grow:', ' || '.join(('*' if c is gr else '')+desc(c)[:40]+f'[{len(p.wtext(c))}]'+repr(p.wtext(c)[:25]) for c in kids))
def tree(p,root,maxd,d=0):
    t=p.wtext(root)
    kids=[c for c in root if isinstance(c.tag,str) and c.tag not in SKIP]
    print('  '*d+f'<{desc(root)}> len={len(t)} a={p.nlinks(root)} ov={p.overlap(root):.2f} | {t[:80]!r}')
    if d>=maxd: return
    for c in kids:
        if p.wtext(c) or c.tag in('img','iframe','input','form','button') or c.get('id') or c.xpath('.//iframe|.//img|.//input'): tree(p,c,maxd,d+1)
def up(p,el):
    e=el
    while e is not None and e.tag!='html':
        sib=[c for c in (p.parent.get(e) if p.parent.get(e) is not None else []) if isinstance(c.tag,str) and c.tag not in SKIP]
        print(line(p,e,f'sibs={len(sib)}'))
        e=p.parent.get(e)
def findtext(p,s):
    best=None
    for el in p.body.iter():
        if isinstance(el.tag,str) and s.lower() in p.wtext(el).lower(): best=el
    # print smallest matches
    for el in p.body.iter():
        if isinstance(el.tag,str) and s.lower() in p.wtext(el).lower() and not any(s.lower() in p.wtext(c).lower() for c in el if isinstance(c.tag,str)):
            print(line(p,el))
main()
