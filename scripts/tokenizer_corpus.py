"""The multilingual corpus the tokenizer tests measure: every kind of text a prompt or an answer holds.

Imported by scripts/tokenizer-oracles.py (which stores it with the real tokenizers' answers in
Tests/TokenPaceCoreTests/Fixtures/tokenizer-oracles.json) and scripts/calibrate-tokenizer.py.
"""

CORPUS = [
    ("english-prose", "English", """The lighthouse keeper had not spoken to anyone in eleven days when the supply boat finally rounded the point. She watched it from the gallery, one hand on the cold rail, counting the seconds between the swells the way her father had taught her. The boat was late, of course. Boats were always late in October, when the wind came down from the north and the channel turned the colour of old slate.

Inside, the kettle was already singing. She had learned long ago that the first hour after a delivery mattered more than any other: the flour had to be checked for damp, the lamp oil measured twice, the letters sorted into the ones she would answer and the ones she would keep. Most of them were from her sister, who wrote about the city as if it were a foreign country — trams, bakeries, a neighbour's dog that barked at umbrellas.

"You could come back," her sister always wrote at the end. "Nobody would think less of you." But the keeper knew that wasn't quite true, and anyway, who would watch the light?"""),
    ("english-technical", "English", """To reduce time to first token (TTFT), batch prefill requests and keep the KV cache warm between turns. A 7B model at 4-bit quantization needs roughly 4.1 GB of weights; at a context of 8,192 tokens the cache adds another 1 GB in fp16. Decode speed is bounded by memory bandwidth: with 936 GB/s and 4.1 GB read per token, the ceiling is about 228 tokens per second, and real servers reach 60–75% of it.

Don't confuse throughput with latency. A server that handles 32 parallel requests at 18 tok/s each delivers 576 tok/s in total, yet every user still waits for their own answer at 18 tok/s. We've measured p50, p90 and p99 inter-token latency (ITL) on three backends; the p99 is what users notice, because a single 400 ms stall reads as a freeze."""),
    ("python", "Python code", '''import json
from dataclasses import dataclass, field
from typing import Iterator


@dataclass
class TokenBucket:
    """Allows `rate` events per second with bursts of up to `capacity`."""

    rate: float
    capacity: int = 10
    _tokens: float = field(init=False, default=0.0)

    def take(self, now: float, last: float) -> bool:
        self._tokens = min(self.capacity, self._tokens + (now - last) * self.rate)
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False


def read_events(path: str) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{line_number}: {error}") from None
'''),
    ("rust", "Rust code", '''use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Inter-token gaps of one stream, in microseconds.
#[derive(Debug, Default)]
pub struct GapStats {
    gaps: Vec<u64>,
    last: Option<Instant>,
}

impl GapStats {
    pub fn record(&mut self, now: Instant) {
        if let Some(prev) = self.last.replace(now) {
            self.gaps.push(now.duration_since(prev).as_micros() as u64);
        }
    }

    pub fn percentile(&self, p: f64) -> Option<Duration> {
        let mut sorted = self.gaps.clone();
        sorted.sort_unstable();
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(index).map(|&us| Duration::from_micros(us))
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut by_model: HashMap<&str, GapStats> = HashMap::new();
    by_model.entry("smollm2").or_default().record(Instant::now());
    println!("{:?}", by_model.get("smollm2").and_then(|s| s.percentile(0.99)));
    Ok(())
}
'''),
    ("swift", "Swift code", '''import Foundation

/// Streams the pieces of an answer at a fixed rate, never drifting.
struct PacedStream: AsyncSequence {
    typealias Element = String
    let pieces: [String]
    let rate: Double

    struct AsyncIterator: AsyncIteratorProtocol {
        let pieces: [String]
        let interval: Duration
        let start = ContinuousClock.now
        var index = 0

        mutating func next() async throws -> String? {
            guard index < pieces.count else { return nil }
            let due = start + interval * index
            try await Task.sleep(until: due, clock: .continuous)
            defer { index += 1 }
            return pieces[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pieces: pieces, interval: .seconds(1) / rate)
    }
}

let stream = PacedStream(pieces: ["Hello", ",", " world", "!"], rate: 21)
for try await piece in stream { print(piece, terminator: "") }
'''),
    ("javascript", "JavaScript code", '''export async function* streamChat(url, messages, { signal } = {}) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: "local", messages, stream: true }),
    signal,
  });
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  }
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf("\\n\\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (event === "data: [DONE]") return;
      const delta = JSON.parse(event.replace(/^data: /, "")).choices?.[0]?.delta?.content;
      if (delta) yield delta;
    }
  }
}
'''),
    ("json", "JSON", '''{
  "id": "chatcmpl-7f3a9c",
  "object": "chat.completion",
  "created": 1733212800,
  "model": "SmolLM2-135M-Instruct",
  "choices": [
    {
      "index": 0,
      "message": {"role": "assistant", "content": "Paris is the capital of France."},
      "finish_reason": "stop"
    }
  ],
  "usage": {"prompt_tokens": 31, "completion_tokens": 8, "total_tokens": 39},
  "timings": {
    "prompt_n": 31, "prompt_ms": 41.227, "prompt_per_second": 751.93,
    "predicted_n": 8, "predicted_ms": 61.05, "predicted_per_second": 131.04
  },
  "tags": ["geography", "europe", null, true, false, -12.5e3, 0.000125]
}
'''),
    ("japanese", "Japanese", """灯台守は十一日間、誰とも話していなかった。ようやく補給船が岬を回ってきたとき、彼女は冷たい手すりに片手を置いて、父に教わったとおりにうねりの間の秒数を数えていた。十月の船はいつも遅れる。北から風が吹き下ろし、海峡が古い石板の色に変わる季節だからだ。

台所ではやかんがもう鳴っていた。荷物が届いた後の最初の一時間が何よりも大切だということを、彼女はずっと前に学んでいた。小麦粉が湿っていないか確かめ、ランプの油を二度量り、手紙を返事を書くものと取っておくものに分ける。ほとんどは妹からの手紙で、妹はまるで外国のことのように都会の話を書いてきた。路面電車、パン屋、傘に向かって吠える隣の犬。

「戻ってきてもいいのよ」と妹はいつも最後に書いた。でも灯台守は、それが本当ではないことを知っていた。それに、誰が灯りを見守るというのだろう。"""),
    ("chinese", "Chinese", """灯塔看守已经十一天没有和任何人说过话了。补给船终于绕过海角时，她站在回廊上，一只手扶着冰冷的栏杆，像父亲教她的那样数着浪涌之间的秒数。十月的船总是迟到，那时北风吹下来，海峡变成旧石板的颜色。

屋里的水壶已经响了。她早就明白，货物送到后的第一个小时比任何时候都重要：要检查面粉是否受潮，把灯油量两遍，把信分成要回复的和要保存的。大多数信来自她的妹妹，妹妹写城市的样子，仿佛那是一个外国——电车、面包店、一只对着雨伞叫的邻居家的狗。

"你可以回来，"妹妹总是在信的最后写道，"没有人会因此看不起你。"可是看守知道事情并非如此。再说，谁来守着这盏灯呢？"""),
    ("german", "German", """Die Leuchtturmwärterin hatte seit elf Tagen mit niemandem gesprochen, als das Versorgungsboot endlich um die Landspitze bog. Sie beobachtete es von der Galerie aus, eine Hand auf dem kalten Geländer, und zählte die Sekunden zwischen den Wellen, so wie es ihr Vater ihr beigebracht hatte. Natürlich war das Boot verspätet. Im Oktober waren die Boote immer verspätet, wenn der Wind von Norden herunterkam und der Kanal die Farbe von altem Schiefer annahm.

Drinnen pfiff schon der Wasserkessel. Sie hatte längst gelernt, dass die erste Stunde nach einer Lieferung wichtiger war als jede andere: Das Mehl musste auf Feuchtigkeit geprüft, das Lampenöl zweimal gemessen und die Briefe sortiert werden. Die meisten stammten von ihrer Schwester, die über die Stadt schrieb, als wäre sie ein fremdes Land – Straßenbahnen, Bäckereien, ein Nachbarshund, der Regenschirme anbellte.

„Du könntest zurückkommen", schrieb ihre Schwester jedes Mal am Ende. „Niemand würde schlechter von dir denken." Aber die Wärterin wusste, dass das nicht ganz stimmte. Und überhaupt: Wer würde dann über das Licht wachen?"""),
    ("french", "French", """La gardienne du phare n'avait parlé à personne depuis onze jours quand le bateau de ravitaillement doubla enfin la pointe. Elle le regardait depuis la galerie, une main sur la rambarde glacée, comptant les secondes entre les vagues comme son père le lui avait appris. Le bateau était en retard, bien sûr. En octobre, les bateaux étaient toujours en retard, quand le vent descendait du nord et que le chenal prenait la couleur de la vieille ardoise.

À l'intérieur, la bouilloire sifflait déjà. Elle avait appris depuis longtemps que la première heure après une livraison comptait plus que toutes les autres : vérifier que la farine n'avait pas pris l'humidité, mesurer deux fois l'huile de la lampe, trier les lettres entre celles auxquelles elle répondrait et celles qu'elle garderait. La plupart venaient de sa sœur, qui décrivait la ville comme un pays étranger — des tramways, des boulangeries, le chien d'un voisin qui aboyait après les parapluies.

« Tu pourrais revenir », écrivait toujours sa sœur à la fin. « Personne ne penserait moins de toi. » Mais la gardienne savait que ce n'était pas tout à fait vrai. Et puis, qui veillerait sur la lumière ?"""),
    ("spanish", "Spanish", """La guardiana del faro no había hablado con nadie en once días cuando el barco de suministros por fin dobló el cabo. Lo observaba desde la galería, con una mano en la barandilla fría, contando los segundos entre las olas como le había enseñado su padre. El barco llegaba tarde, por supuesto. En octubre los barcos siempre llegaban tarde, cuando el viento bajaba del norte y el canal se volvía del color de la pizarra vieja.

Dentro, la tetera ya silbaba. Hacía mucho que había aprendido que la primera hora después de una entrega importaba más que ninguna otra: había que comprobar que la harina no se hubiera humedecido, medir dos veces el aceite de la lámpara y separar las cartas que contestaría de las que guardaría. Casi todas eran de su hermana, que escribía sobre la ciudad como si fuera un país extranjero: tranvías, panaderías, el perro de un vecino que les ladraba a los paraguas.

«Podrías volver», escribía siempre su hermana al final. «Nadie pensaría peor de ti». Pero la guardiana sabía que eso no era del todo cierto. Y además, ¿quién cuidaría la luz?"""),
    ("emoji", "Emoji", """Release party 🎉🎉🎉 — thanks everyone! 🙏

Team: 👩‍💻 Ana, 👨🏽‍🔬 Ravi, 🧑🏿‍🎨 Kofi, 👩🏼‍🚀 Lena and 🐈‍⬛ (the office cat).
Status: ✅ tests green, ⚠️ two flaky, ❌ none failing, 🔥 p99 down 38%.
Family of the week: 👨‍👩‍👧‍👦 and 👩‍❤️‍💋‍👨. Flags: 🇯🇵 🇩🇪 🇫🇷 🇪🇸 🏳️‍🌈 🏴‍☠️.
Reactions: 👍👍🏻👍🏼👍🏽👍🏾👍🏿 ❤️🧡💛💚💙💜🖤🤍 😂🤣😅😊😇🥲🤔🫠
Keycaps: 1️⃣ 2️⃣ 3️⃣ #️⃣ *️⃣ and symbols ☀️ ☁️ ⛈️ ❄️ ☕ ♻️ ™️ ©️ ®️"""),
    ("whitespace-digits", "Whitespace and digits", "Table:\n\n    id      name          value\n    --      ----          -----\n    1       alpha         3.14159\n    22      beta          2718281828\n    333     gamma         -0.000001\n\n\n\n\t\tindented with tabs\t\tand trailing spaces      \n        \n                                                                \nPhone +1 (555) 012-3456, card 4111 1111 1111 1111, date 2026-12-03T07:45:00Z.\nBig numbers: 123456789012345678901234567890 and 1,234,567.89 and 1e-9 and 0xDEADBEEF.\n   \r\n  \r\n\u3000全角スペース\u3000と１２３４５６\n  end   "),
    ("mixed", "Mixed", """Résumé of the naïve café owner: Zoë & Björn's coöperative in São Paulo — “quotes”, ‘single’, «guillemets» and … ellipses. Ελληνικά, русский текст, עברית, العربية, हिन्दी, 한국어 문장입니다, ภาษาไทย.
Math: ∀x ∈ ℝ, x² ≥ 0; ∑ᵢ aᵢ ≈ 3.7 × 10⁻⁴ ± 0.2 µs. Currency: €12, £7.50, ¥980, ₹1,200.
Contractions: I'm, you're, he's, we've, they'll, she'd, it'S, DON'T, O'Brien's, rock 'n' roll, 'quoted', ſ'S.
CamelCase: promptTokenCount, XMLHttpRequest, getHTTPResponseCode, snake_case_name, kebab-case-name, SCREAMING_CASE.
URLs: https://example.com/path?q=tok%20pace&lang=en#section-2, user@example.org, C:\\Users\\me\\file.txt, ../../etc/passwd"""),
]

# Extra texts checked against SmolLM2 alone: special tokens written in the text are single tokens.
SMOLLM2_EXTRA = [
    ("chat-template", "<|im_start|>system\nYou are a helpful AI assistant named SmolLM.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n"),
    ("special-in-code", "print('<|endoftext|>')  # not really the end<file_sep>next file<|im_end|>"),
]


def fuzz_texts(count=40, seed=7):
    """Random strings mixing scripts, marks, joiners, odd whitespace and digits: each family's rules
    and both tokenizers must agree with their oracles on these too (not used for calibration)."""
    import random
    rng = random.Random(seed)
    pools = [
        range(0x20, 0x7F), range(0xA0, 0x250), range(0x370, 0x530), range(0x3040, 0x3100), range(0x4E00, 0x4F00),
        range(0x1F300, 0x1F650), range(0x600, 0x700), range(0x900, 0x980), range(0xE00, 0xE60),
        range(0x2000, 0x2070), range(0x1D400, 0x1D500), range(0xFF00, 0xFF70), range(0x1E00, 0x1F00),
        [0x200D, 0xFE0F, 0x20E3, 0x301, 0x308, 0x9, 0xA, 0xD, 0x20, 0x20, 0x20, 0x20, 0x3000, 0xA0, 0x2028, 0x85,
         0x17F, 0x27, 0x27, 0x2F, 0x2F, 0x30, 0x35, 0x39],
        [ord(c) for c in "'s't're've'm'll'd'S'T'RE'VE'M'LL'D"],
    ]
    out = []
    for k in range(count):
        text = "".join(chr(rng.choice(rng.choice(pools))) for _ in range(rng.randint(1, 120)))
        out.append(("fuzz-%02d" % k, text))
    return out
