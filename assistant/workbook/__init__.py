"""The Excel workbooks of ``nianbao template``, in two shapes (one workbook per unit, or one 汇总 row per unit).

- :mod:`.layout`: where everything sits (sheets, value cells, wide columns, labels) and a workbook's shape;
- :mod:`.write`: the workbooks staff fill in, empty or filled from Reports;
- :mod:`.read`: filled workbooks back into Reports, with errors that name the file, sheet and cell.
"""
