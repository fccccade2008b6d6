/** Work threads of the demo: subject, the messages in order (replies alternate), folder. */
export const THREADS: readonly (readonly [string, readonly string[], string?])[] = [
  [
    'Website relaunch: timeline',
    [
      'Hi Sam,\n\nhere is the draft timeline for the relaunch: content freeze on the 12th, design sign-off the week after, launch at the end of the month.',
      'Thanks! Could we move the content freeze by two days? Marketing still needs the new product pages.',
      'Two days is fine. I will tell the agency.',
      'Great. I also added the accessibility review as a separate step.',
      'Good idea. The review is booked for the 20th.',
    ],
    'Projects/Website',
  ],
  [
    'Website relaunch: images for the homepage',
    [
      'The agency sent three options for the homepage hero. I prefer the second one.',
      'Same here; the first one is too dark on small screens.',
      'Then we go with the second. I will ask for a version without text.',
    ],
    'Projects/Website',
  ],
  [
    'Q3 budget review',
    [
      'Please find the Q3 numbers in the shared folder. Travel is over plan by 8%.',
      'That is the conference in September. It was approved in June.',
      'Right, I will add a note. Everything else is on plan.',
      'Thanks for checking. Let us close the review on Friday.',
    ],
  ],
  [
    'Office move on the 3rd',
    [
      'Reminder: the movers come on the 3rd at 8:00. Please pack your desk by Wednesday evening.',
      'Will the meeting rooms be ready on the 4th? I have a workshop at 10.',
      'Room 2 will be ready; rooms 1 and 3 on the 5th.',
      'Perfect, room 2 works.',
      'Booked it for you.',
      'Thank you!',
    ],
  ],
  [
    'Release 2.4 checklist',
    [
      'Release 2.4 is scheduled for Tuesday. Open items: migration notes, the changelog, and the search fix.',
      'The search fix is merged. I will write the migration notes today.',
      'Changelog is done. Tests are green on release-2.4.',
      'Migration notes are in the wiki. Ready from my side.',
      'Tagged and published. Thanks, everyone!',
    ],
  ],
  [
    'Conference talk proposal',
    [
      'Would you like to co-present our offline sync work at the autumn conference? The deadline is in two weeks.',
      'Yes, gladly! I can draft the abstract this week.',
      'Wonderful. Keep it under 200 words.',
      'Draft is in the shared doc. Feedback welcome.',
    ],
  ],
  [
    'Onboarding for Lukas',
    [
      'Lukas starts on Monday. Could you be his buddy for the first two weeks?',
      'Of course. I will set up his accounts and a first small task.',
      'Thank you. His laptop arrives on Friday.',
    ],
  ],
  [
    'Customer call notes: Northwind Traders',
    [
      'Notes from today: they want CSV export and a shorter sync interval. Both are reasonable.',
      'CSV export is already on the roadmap. The interval is a setting.',
      'Then I will send them a short reply with the timeline.',
      'Sounds good. Copy me, please.',
    ],
  ],
]
