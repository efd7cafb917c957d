// The self-check quiz, part 2 of 5: seeded order and draw. Pure functions, tested in Node (tests/js/).
// Every learner sees the choices, matching options and ordering entries in an order of their own (seeded
// by a learner id, the quiz attempt and the item id), so "the first choice is right" cannot be learned,
// yet the order is the same on every reload. A quiz with `draw: N` ships every item and draws N per
// learner and attempt here, so a reset (a new attempt) gives a different mix.

/** A 32-bit hash of a text (FNV-1a): the seed of a sequence. */
function hashText(text) {
  let hash = 0x811c9dc5;
  for (const char of String(text)) {
    hash ^= char.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A reproducible random sequence in [0, 1) from a text seed (mulberry32). */
function randomFrom(seed) {
  let state = hashText(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0..n-1 in an order fixed by `seed` (Fisher-Yates). */
function permutation(n, seed) {
  const order = Array.from({ length: n }, (_, i) => i);
  const random = randomFrom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Like permutation, but never 0..n-1 itself (for n > 1): a start that is already the answer is no task. */
function derangedStart(n, seed) {
  const order = permutation(n, seed);
  if (n > 1 && isIdentity(order, n)) order.push(order.shift());
  return order;
}

/** The order an item shows its choices, options or entries in, as file indices.
 * `shuffle: false` keeps the file's order for choices; ordering and matching items then use the one
 * order the build fixed (`shown`), the same for everyone, because their file order is the answer. */
function shownOrder(item, seed) {
  const key = `${seed}:${item.id}`;
  switch (item.type) {
    case "single_choice":
    case "multiple_select":
      return item.shuffle === false ? item.choices.map((_, i) => i) : permutation(item.choices.length, key);
    case "ordering":
      return item.shuffle === false ? item.shown.slice() : derangedStart(item.entries.length, key);
    case "matching":
      return item.shuffle === false ? item.shown.slice() : permutation(item.rights.length, key);
    default:
      return [];
  }
}

/** The items of one attempt: all of them, or `draw` of them chosen with `seed`, in file order. */
function drawnItems(items, draw, seed) {
  if (!draw || draw >= items.length) return items.slice();
  const picked = new Set(permutation(items.length, `${seed}:draw`).slice(0, draw));
  return items.filter((_, i) => picked.has(i));
}
