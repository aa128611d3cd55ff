// Keys of every group the graph holds, by label.
MATCH (e:ETF) RETURN 'ETF' AS type, e.symbol AS key
UNION ALL MATCH (g:Sector) RETURN 'SECTOR' AS type, g.key AS key
UNION ALL MATCH (g:Industry) RETURN 'INDUSTRY' AS type, g.key AS key
UNION ALL MATCH (g:Theme) RETURN 'THEME' AS type, g.key AS key
UNION ALL MATCH (g:Universe) RETURN 'UNIVERSE' AS type, g.key AS key
