// Every security is one node, found by symbol whatever its role: :Stock when held, classified or listed,
// :ETF when it is a fund, both for an ETF that another ETF holds.
CREATE CONSTRAINT security_symbol IF NOT EXISTS FOR (n:Security) REQUIRE n.symbol IS UNIQUE;
