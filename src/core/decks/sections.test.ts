import { describe, expect, it } from 'vitest'
import { inSection, sectionPaths } from './sections'

const somalia = ['(4) The Oceans and Seas', 'B Safe maritime transport', '(B) Piracy off Somalia']
const asia = ['(4) The Oceans and Seas', 'B Safe maritime transport', '(A) Piracy in Asia']
const cyber = ['(5) Cyber']

describe('sections', () => {
  it('places a path inside each of its prefixes only', () => {
    expect(inSection(somalia, ['(4) The Oceans and Seas'])).toBe(true)
    expect(inSection(somalia, somalia.slice(0, 2))).toBe(true)
    expect(inSection(asia, somalia)).toBe(false)
    expect(inSection(cyber, somalia)).toBe(false)
    expect(inSection(somalia.slice(0, 1), somalia)).toBe(false)
  })

  it('lists every level of distinct section rows, parents first, in deck order', () => {
    expect(sectionPaths([somalia, cyber, asia])).toEqual([
      ['(4) The Oceans and Seas'],
      ['(4) The Oceans and Seas', 'B Safe maritime transport'],
      somalia,
      ['(5) Cyber'],
      asia,
    ])
  })

  it('stops at a depth when asked', () => {
    expect(sectionPaths([somalia, cyber, asia], 2)).toEqual([
      ['(4) The Oceans and Seas'],
      ['(4) The Oceans and Seas', 'B Safe maritime transport'],
      ['(5) Cyber'],
    ])
  })
})
