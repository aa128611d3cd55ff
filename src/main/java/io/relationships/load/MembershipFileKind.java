package io.relationships.load;

import io.relationships.catalog.GroupType;
import io.relationships.load.format.FileParser;

/**
 * What tells the two loads of membership files apart; {@link MembershipFileSteps} makes a {@link MembershipFileStep}
 * of each.
 *
 * @param kind      the run kind
 * @param order     the position in a full reload ({@link LoadStep#order()})
 * @param folder    the folder of a data directory its files are in
 * @param groupType the groups its files describe, one group a file
 */
record MembershipFileKind(RunKind kind, int order, String folder, GroupType groupType) {

    /** ETF holdings: one file per ETF, in any issuer format, from {@code holdings/}. */
    static final MembershipFileKind HOLDINGS = new MembershipFileKind(RunKind.ETF_HOLDINGS, 10, "holdings", GroupType.ETF);

    /**
     * Universes (index memberships) from {@code universes/}: a constituents list ({@code symbol,name,weight,sector,
     * market_cap}, only {@code symbol} required) or an ETF holdings file standing in for the index. The key is the
     * file's name ({@code sp500.csv}) unless the request or the manifest gives one.
     */
    static final MembershipFileKind UNIVERSES = new MembershipFileKind(RunKind.UNIVERSES, 20, "universes", GroupType.UNIVERSE);

    /** What the parser is to expect: holdings require a weight column, universes do not. */
    FileParser.Kind contents() {
        return groupType == GroupType.ETF ? FileParser.Kind.HOLDINGS : FileParser.Kind.UNIVERSE;
    }
}
