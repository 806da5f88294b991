const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34; // "
const BACKSLASH = 92; // \

/** How many times `char` occurs in `text`, counting no further than `limit`. */
function countUpTo(text: string, char: string, limit: number): number {
    let n = 0;
    let at = text.indexOf(char);
    while (at !== -1 && n < limit) {
        n++;
        at = text.indexOf(char, at + 1);
    }
    return n;
}

/**
 * Whether the JSON text nests objects and arrays deeper than `maxDepth` levels (the outermost
 * value is level 1). Brackets inside strings don't count. The text need not be valid JSON: this
 * runs before parsing, so a hostile body is refused without building its tree.
 *
 * @example
 * exceedsJsonDepth('{"id": [{"a": 1}]}', 2); // true: 3 levels
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
    // A body can't nest deeper than it has opening brackets: counting them is a native scan, so the
    // usual small body costs two indexOf loops and never reaches the character walk below.
    const limit = maxDepth + 1;
    if (text.length <= maxDepth || countUpTo(text, '{', limit) + countUpTo(text, '[', limit) <= maxDepth) return false;
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            // Skip the string, escapes included.
            for (i++; i < text.length; i++) {
                const s = text.charCodeAt(i);
                if (s === BACKSLASH) i++;
                else if (s === QUOTE) break;
            }
        } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            if (++depth > maxDepth) return true;
        } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    }
    return false;
}
