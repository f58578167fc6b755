/**
 * The valid_policy_tree of RFC 5280 §6.1 (steps 6.1.3 d–f, 6.1.4 a–b, 6.1.5 g), kept
 * literally so PKITS §4.8–4.12 behave exactly as the RFC describes. Qualifiers are not
 * tracked: nothing in S/MIME displays them.
 */
import { ANY_POLICY } from './extensions';

interface PolicyNode {
  validPolicy: string;
  expected: Set<string>;
  parent?: PolicyNode;
  children: PolicyNode[];
  depth: number;
}

export class PolicyTree {
  private root: PolicyNode | null = { validPolicy: ANY_POLICY, expected: new Set([ANY_POLICY]), children: [], depth: 0 };

  get isNull(): boolean {
    return this.root === null;
  }

  private nodesAt(depth: number): PolicyNode[] {
    const out: PolicyNode[] = [];
    const walk = (n: PolicyNode): void => {
      if (n.depth === depth) out.push(n);
      else n.children.forEach(walk);
    };
    if (this.root) walk(this.root);
    return out;
  }

  private addChild(parent: PolicyNode, policy: string, expected: Set<string>): void {
    parent.children.push({ validPolicy: policy, expected, parent, children: [], depth: parent.depth + 1 });
  }

  private remove(node: PolicyNode): void {
    if (!node.parent) {
      this.root = null;
      return;
    }
    node.parent.children = node.parent.children.filter((c) => c !== node);
  }

  /** Deletes childless nodes above `depth` until none remain (§6.1.3 d 3). */
  private prune(depth: number): void {
    for (let d = depth - 1; d >= 0 && this.root; d--) {
      for (const n of this.nodesAt(d)) if (n.children.length === 0) this.remove(n);
    }
  }

  /** §6.1.3 (d)/(e) for certificate i; `policies` undefined = no certificatePolicies extension. */
  processCertificate(i: number, policies: string[] | undefined, anyPolicyAllowed: boolean): void {
    if (!this.root) return;
    if (!policies) {
      this.root = null;
      return;
    }
    const parents = this.nodesAt(i - 1);
    for (const p of policies) {
      if (p === ANY_POLICY) continue;
      const matching = parents.filter((n) => n.expected.has(p));
      if (matching.length > 0) matching.forEach((n) => this.addChild(n, p, new Set([p])));
      else parents.filter((n) => n.validPolicy === ANY_POLICY).forEach((n) => this.addChild(n, p, new Set([p])));
    }
    if (policies.includes(ANY_POLICY) && anyPolicyAllowed) {
      for (const n of parents) {
        const present = new Set(n.children.map((c) => c.validPolicy));
        for (const e of n.expected) if (!present.has(e)) this.addChild(n, e, new Set([e]));
      }
    }
    this.prune(i);
  }

  /** §6.1.4 (b): applies policyMappings of certificate i. */
  applyMappings(i: number, mappings: Array<[string, string]>, mappingAllowed: boolean): void {
    if (!this.root) return;
    const byIssuer = new Map<string, Set<string>>();
    for (const [from, to] of mappings) byIssuer.set(from, (byIssuer.get(from) ?? new Set()).add(to));
    for (const [from, targets] of byIssuer) {
      const nodes = this.nodesAt(i).filter((n) => n.validPolicy === from);
      if (mappingAllowed) {
        if (nodes.length > 0) nodes.forEach((n) => (n.expected = new Set(targets)));
        else {
          const any = this.nodesAt(i).find((n) => n.validPolicy === ANY_POLICY);
          if (any?.parent) this.addChild(any.parent, from, new Set(targets));
        }
      } else {
        nodes.forEach((n) => this.remove(n));
      }
    }
    if (!mappingAllowed) this.prune(i);
  }

  /** §6.1.5 (g): intersects with the user-initial-policy-set at depth n. */
  intersect(n: number, userInitial: string[]): void {
    if (!this.root || userInitial.includes(ANY_POLICY)) return;
    const wanted = new Set(userInitial);
    const nodeSet: PolicyNode[] = [];
    const walk = (node: PolicyNode): void => {
      for (const c of node.children) {
        if (node.validPolicy === ANY_POLICY) nodeSet.push(c);
        if (c.validPolicy === ANY_POLICY) walk(c);
      }
    };
    walk(this.root);
    for (const node of nodeSet) {
      if (node.validPolicy !== ANY_POLICY && !wanted.has(node.validPolicy)) this.remove(node);
    }
    const anyLeaf = this.nodesAt(n).find((x) => x.validPolicy === ANY_POLICY);
    if (anyLeaf?.parent) {
      const present = new Set(nodeSet.map((x) => x.validPolicy));
      for (const p of wanted) if (!present.has(p)) this.addChild(anyLeaf.parent, p, new Set([p]));
      this.remove(anyLeaf);
    }
    this.prune(n);
  }

  /**
   * The user-constrained policy set, named in the anchor's policy domain: for every node
   * at depth n, the first non-anyPolicy ancestor (anyPolicy if the whole branch is any).
   */
  constrainedSet(n: number): string[] {
    const out = new Set<string>();
    for (const leaf of this.nodesAt(n)) {
      const branch: PolicyNode[] = [];
      for (let x: PolicyNode | undefined = leaf; x; x = x.parent) branch.unshift(x);
      const named = branch.find((x) => x.validPolicy !== ANY_POLICY);
      out.add(named ? named.validPolicy : ANY_POLICY);
    }
    return [...out].sort();
  }
}
