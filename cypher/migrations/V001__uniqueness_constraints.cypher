// Every node kind is found by its key; the constraints also give the MERGEs of the projection their index.
CREATE CONSTRAINT stock_symbol IF NOT EXISTS FOR (n:Stock) REQUIRE n.symbol IS UNIQUE;
CREATE CONSTRAINT etf_symbol IF NOT EXISTS FOR (n:ETF) REQUIRE n.symbol IS UNIQUE;
CREATE CONSTRAINT sector_key IF NOT EXISTS FOR (n:Sector) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT industry_key IF NOT EXISTS FOR (n:Industry) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT theme_key IF NOT EXISTS FOR (n:Theme) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT universe_key IF NOT EXISTS FOR (n:Universe) REQUIRE n.key IS UNIQUE;
