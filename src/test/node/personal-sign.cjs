// Signs a message as a real wallet would (ethers' Wallet.signMessage = EIP-191 personal_sign).
// Input on stdin: {"key": "0x…", "message": "…"}; output: the 0x signature.
// The tests run it with NODE_PATH pointing at src/main/solidity/node_modules.
const { Wallet } = require('ethers');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', async () => {
  const { key, message } = JSON.parse(input);
  const wallet = new Wallet(key);
  process.stdout.write(await wallet.signMessage(message));
});
