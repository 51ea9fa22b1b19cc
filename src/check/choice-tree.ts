// Depth-first enumeration of choice sequences by replay (stateless model checking): a run follows the current
// prefix, takes 0 at every choice point beyond it and records how many outcomes each point had; advance() then
// moves to the next unexplored sequence (the deepest point with an untried outcome). Used by the switch explorer
// (src/check/explore.ts) for the synchronization choices and by fill-all.ts for every path of a table walk.

export class ChoiceTree {
  private readonly values: number[] = [];
  private readonly arity: number[] = [];
  private pos = 0;
  /** Length of the prefix this run replays (choices before it were made by earlier runs). */
  private replay = 0;
  /** Runs started so far (the first included). */
  runs = 1;

  /** One choice among `n` outcomes (0 … n−1); a point with a single outcome is not recorded. */
  choose(n: number): number {
    if (n <= 1) return 0;
    const p = this.pos++;
    if (p < this.values.length) return this.values[p]!;
    this.values.push(0);
    this.arity.push(n);
    return 0;
  }

  /** Still replaying choices made by an earlier run (its states were seen already). */
  get replaying(): boolean {
    return this.pos < this.replay;
  }

  /** The choices taken so far in this run. */
  taken(): readonly number[] {
    return this.values.slice(0, this.pos);
  }

  /** End this run here and prepare the next one; false when every sequence has been tried. */
  advance(): boolean {
    this.values.length = this.pos;
    this.arity.length = this.pos;
    this.pos = 0;
    while (this.values.length > 0) {
      const k = this.values.length - 1;
      if (this.values[k]! + 1 < this.arity[k]!) {
        this.values[k]!++;
        this.replay = this.values.length;
        this.runs++;
        return true;
      }
      this.values.pop();
      this.arity.pop();
    }
    return false;
  }
}
