package ai.perspective.chain.application;

import ai.perspective.chain.application.ChainConnection.Ready;
import ai.perspective.chain.application.ChainPort.Receipt;
import ai.perspective.chain.application.ChainPort.SignedTransaction;
import ai.perspective.chain.domain.Withdrawal;
import ai.perspective.chain.domain.WithdrawalRecords;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Withdrawals for the {@link TransactionRelay}: an ERC-20 {@code transfer(to, amount)} of the POV
 * token from the hub's address. Whether one is done is read from the receipts of every version
 * of its transaction (a replaced one may be the one mined); a reverted transfer is final.
 */
public class WithdrawalSender implements TransactionRelay.Sender<Withdrawal> {

    private final WithdrawalRecords withdrawals;

    public WithdrawalSender(WithdrawalRecords withdrawals) {
        this.withdrawals = withdrawals;
    }

    @Override
    public WithdrawalRecords outbox() {
        return withdrawals;
    }

    @Override
    public SignedTransaction sign(ChainPort chain, Ready contracts, Withdrawal w, BigInteger nonce, BigInteger gasPrice) {
        return chain.signTokenTransfer(contracts.token(), w.to(), w.amount(), nonce, gasPrice);
    }

    @Override
    public TransactionRelay.OnChain lookOnChain(ChainPort chain, Ready contracts, Withdrawal w) {
        String reverted = null;
        for (String hash : w.allHashes()) {
            Optional<Receipt> receipt = chain.receipt(hash);
            if (receipt.isPresent() && receipt.get().success()) {
                return new TransactionRelay.OnChain.Done(hash, receipt.get().blockNumber());
            }
            if (receipt.isPresent()) {
                reverted = hash;
            }
        }
        if (reverted != null) {
            return new TransactionRelay.OnChain.Impossible("the transfer " + reverted
                    + " reverted: the hub's address may hold less than " + w.amount() + " base units of POV");
        }
        return TransactionRelay.OnChain.ABSENT;
    }
}
