import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 } from "ethereum-cryptography/keccak.js";
import { utf8ToBytes, bytesToHex } from "ethereum-cryptography/utils.js";
const k = s => "0x" + bytesToHex(keccak256(utf8ToBytes(s)));
const uid = u => BigInt("0x" + u.replace(/-/g, "")).toString();
const rows = [
 ["00000000-0000-0000-0000-000000000001", null, "treasury", "spendable:11111111-1111-1111-1111-111111111111", "100000000000000000000", 0, 1],
 ["00000000-0000-0000-0000-000000000002", null, "spendable:11111111-1111-1111-1111-111111111111", "clearing", "5000", 1, 3],
 ["00000000-0000-0000-0000-000000000003", "00000000-0000-0000-0000-000000000002", "spendable:11111111-1111-1111-1111-111111111111", "clearing", "4321", 2, 3],
 ["00000000-0000-0000-0000-000000000004", null, "clearing", "earnings:22222222-2222-2222-2222-222222222222", "3457", 0, 4],
 ["00000000-0000-0000-0000-000000000005", null, "clearing", "treasury", "864", 0, 5],
];
const types = ["uint128","uint128","bytes32","bytes32","uint256","uint8","uint16"];
const vals = rows.map(r => [uid(r[0]), r[1] ? uid(r[1]) : "0", k(r[2]), k(r[3]), r[4], r[5], r[6]]);
for (const n of [1,2,3,4,5]) {
  const t = StandardMerkleTree.of(vals.slice(0,n), types);
  const out = {n, root: t.root};
  if (n === 5) { out.leaves = vals.map(v => t.leafHash(v)); out.proof2 = t.getProof(2); out.proof4 = t.getProof(4); }
  console.log(JSON.stringify(out));
}
