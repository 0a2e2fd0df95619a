"""The complaint's business logic, one module per subject: filing, review, forwarding,
settlement, mediation, findings, the seller's and the consumer's answers, tracking, evidence,
feedback, accounts, duplicates, deadlines, anonymisation. Services flush, never commit."""
