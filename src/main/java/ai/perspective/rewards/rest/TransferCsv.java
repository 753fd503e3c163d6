package ai.perspective.rewards.rest;

import ai.perspective.rewards.Ledger;
import java.io.IOException;
import java.io.Writer;

/** Transfers as CSV (RFC 4180), fetched and written page by page so an export never loads everything. */
public final class TransferCsv {

    static final int PAGE = 500;
    public static final String HEADER = "id,created_at,kind,code,debit,credit,amount,pending_id,reversal_of,model,memo\r\n";

    private TransferCsv() {
    }

    public static void write(Ledger ledger, Ledger.TransferQuery query, Writer out) throws IOException {
        out.write(HEADER);
        for (int offset = 0;; offset += PAGE) {
            Ledger.Page<Ledger.Transfer> page = ledger.transfers(query.withPage(offset, PAGE));
            for (Ledger.Transfer t : page.items()) {
                out.write(String.join(",", t.id().toString(), t.createdAt().toString(), t.kind().name(), t.code().name(),
                        t.debit().key(), t.credit().key(), t.amount().toString(), str(t.pendingId()), str(t.reversalOf()),
                        quote(t.model()), quote(t.memo())));
                out.write("\r\n");
            }
            if (page.items().size() < PAGE) {
                return;
            }
        }
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Quotes every text field; a leading =, +, - or @ is prefixed so spreadsheets never run it as a formula. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
