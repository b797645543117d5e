/** The header IOS 15 prints over `show ip sla summary`: column titles on two lines, then a rule. */
export const IP_SLA_SUMMARY_IOS15_HEAD = [
  'IPSLAs Latest Operation Summary',
  'Codes: * active, ^ inactive, ~ pending',
  '',
  'ID           Type        Destination       Stats       Return      Last',
  '                                           (ms)        Code        Run',
  '-----------------------------------------------------------------------',
];
